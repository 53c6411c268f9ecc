//! summary.json: the counts for dashboards and scripts (SPEC §5), from the same tallies as
//! every other report.

use serde::Serialize;
use serde_json::{Value, json};

use super::ReportData;
use crate::extract::Fact;
use crate::results::{Coverage, Verdict};
use crate::rules::Criterion;

#[derive(Serialize)]
struct WaiverJson {
    target: String,
    rule: &'static str,
    reason: String,
    expires: Option<String>,
    expired: bool,
    matched: u64,
}

/// `coverage` (SPEC §8): per fact, the column used (`null` when the catalogue has none) and how
/// many audited products state it, from that column or from other columns' text.
fn coverage(c: &Coverage) -> Value {
    let mut m = serde_json::Map::new();
    for f in Fact::ALL {
        let n = c.count(f);
        m.insert(
            f.key().into(),
            json!({"column": c.column(f), "stated": n.stated, "from_column": n.from_column, "from_text": n.from_text}),
        );
    }
    Value::Object(m)
}

/// Renders summary.json. `elapsed_ms` is 0 for reproducible runs.
pub fn render(d: &ReportData, elapsed_ms: u64) -> Vec<u8> {
    let t = d.tally;
    let mut verdicts = serde_json::Map::new();
    for v in Verdict::ALL {
        verdicts.insert(v.as_str().into(), json!(t.count(v)));
    }
    verdicts.insert("continuation".into(), json!(t.continuation));
    let mut criteria = serde_json::Map::new();
    for c in Criterion::ALL {
        criteria.insert(c.as_str().into(), serde_json::to_value(t.criteria[c.index()]).unwrap_or(Value::Null));
    }
    let rules: Vec<Value> = t.rules.iter().map(|(r, n)| json!({"rule": r.as_str(), "criterion": r.criterion().as_str(), "count": n, "waived": t.waived.get(r).copied().unwrap_or(0)})).collect();
    let waivers: Vec<WaiverJson> = d
        .policy
        .waivers
        .iter()
        .map(|w| WaiverJson {
            target: w.target_text(),
            rule: w.rule.as_str(),
            reason: w.reason.clone(),
            expires: w.expires.map(|e| e.to_string()),
            expired: w.expired,
            matched: w.match_count(),
        })
        .collect();
    let mut doc = json!({
        "tool": {"name": "k2d3-audit", "version": d.tool_version},
        "generated": d.date.to_string(),
        "catalogue": {
            "path": d.catalogue.path,
            "name": d.catalogue.name,
            "sha256": d.catalogue.sha256,
            "records": d.catalogue.records,
            "encoding": d.catalogue.encoding,
            "delimiter": d.catalogue.delimiter,
        },
        "policy": {"name": d.policy.name, "version": d.policy.version, "sha256": d.policy.sha256, "source": d.policy.source},
        "market": d.policy.market.as_str(),
        "products": t.products(),
        "verdicts": verdicts,
        "criteria": criteria,
        "suppliers": d.suppliers,
        "supplier_names": d.supplier_names,
        "rules": rules,
        "waivers": waivers,
        "elapsed_ms": elapsed_ms,
    });
    if let Some(c) = d.coverage {
        doc["products_in_scope"] = json!(t.products());
        doc["coverage"] = coverage(c);
    }
    if let Some(s) = d.supplier {
        doc["supplier"] = json!(s);
    }
    if let Some(c) = d.changes {
        doc["changes"] = json!({
            "baseline": c.baseline,
            "new": c.new,
            "worse": c.worse,
            "better": c.better,
            "same": c.same,
            "gone": c.gone.iter().map(|g| json!({"sku": g.sku, "product": g.product, "supplier": g.supplier, "verdict": g.verdict.as_str()})).collect::<Vec<_>>(),
        });
    }
    let mut out = serde_json::to_vec_pretty(&doc).unwrap_or_default();
    out.push(b'\n');
    out
}
