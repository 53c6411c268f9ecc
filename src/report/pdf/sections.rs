//! The report's sections (SPEC §7): summary, suppliers, top findings, products that are not
//! pass, changes since the baseline, rejected records, and the method.

use super::chart::{FAIL, INVALID, NEUTRAL, PASS, REVIEW, WARN, bar, legend, stacked};
use super::layout::{BLACK, CONTENT_W, GREY, MARGIN, Pages, Rgb3, fill_rect, sanitize};
use super::table::{Col, table};
use crate::numfmt::human_amount;
use crate::policy::{market_lines, thresholds};
use crate::report::ReportData;
use crate::results::{ProductEntry, Verdict};
use crate::rules::{Criterion, RuleId};

fn n(x: u64) -> String {
    human_amount(x as f64)
}

/// "1 product", "2 products".
fn count(x: u64, one: &str, many: &str) -> String {
    format!("{} {}", n(x), if x == 1 { one } else { many })
}

fn pct(x: u64, total: u64) -> String {
    if total == 0 { "0.0 %".into() } else { format!("{:.1} %", x as f64 * 100.0 / total as f64) }
}

pub fn verdict_colour(v: Verdict) -> Rgb3 {
    match v {
        Verdict::Pass => PASS,
        Verdict::Warn => WARN,
        Verdict::Review => REVIEW,
        Verdict::Fail => FAIL,
        Verdict::Invalid => INVALID,
        Verdict::Skipped => NEUTRAL,
    }
}

pub fn summary(p: &mut Pages, d: &ReportData) {
    let title = match d.supplier {
        Some(s) => format!("Supplier compliance report: {s}"),
        None => "K2 + D3 catalogue compliance report".to_string(),
    };
    p.bookmarks.push(("Summary".into(), 1));
    p.y += 4.0;
    let y = p.y;
    let t = p.m.fit(&sanitize(&title), CONTENT_W, 17.0, true);
    p.text_at(MARGIN, y, 17.0, true, BLACK, &t);
    p.y += 8.0;
    catalogue_facts(p, d);

    // Verdicts with a bar chart.
    p.heading("Verdicts", 40.0);
    let t = d.tally;
    let total = t.records();
    let max = Verdict::ALL.iter().map(|v| t.count(*v)).max().unwrap_or(0);
    let meaning = [
        (Verdict::Pass, "meets every criterion"),
        (Verdict::Warn, "acceptable with a weakness"),
        (Verdict::Review, "data missing, unreadable or contradictory"),
        (Verdict::Fail, "breaks the policy"),
        (Verdict::Invalid, "record could not be read"),
        (Verdict::Skipped, "no vitamin D or K: out of scope"),
    ];
    for (v, what) in meaning {
        let c = t.count(v);
        let y = p.y;
        p.text_at(MARGIN, y + 3.4, 9.0, true, BLACK, v.as_str());
        let num = n(c);
        let w = p.m.width(&num, 9.0, false);
        p.text_at(MARGIN + 34.0 - w, y + 3.4, 9.0, false, BLACK, &num);
        let pc = pct(c, total);
        let w = p.m.width(&pc, 9.0, false);
        p.text_at(MARGIN + 52.0 - w, y + 3.4, 9.0, false, BLACK, &pc);
        bar(&mut p.ops, MARGIN + 56.0, y, 70.0, 4.2, c, max, verdict_colour(v), what);
        p.y += 6.0;
    }
    let y = p.y + 1.0;
    let line = format!("{} in scope, {} in all.", count(t.products(), "product", "products"), count(total, "record", "records"));
    p.text_at(MARGIN, y + 3.0, 8.0, false, GREY, &line);
    p.y += 7.0;

    // Criteria table and stacked bars.
    p.heading("Criteria", 60.0);
    let cols = [
        Col { title: "criterion", width: 28.0, right: false },
        Col { title: "pass", width: 14.0, right: true },
        Col { title: "warn", width: 14.0, right: true },
        Col { title: "review", width: 14.0, right: true },
        Col { title: "fail", width: 14.0, right: true },
        Col { title: "n/a", width: 14.0, right: true },
    ];
    let rows: Vec<Vec<String>> = Criterion::ALL
        .iter()
        .map(|c| {
            let k = t.criteria[c.index()];
            vec![c.as_str().into(), n(k.pass), n(k.warn), n(k.review), n(k.fail), n(k.na)]
        })
        .collect();
    let top = p.y;
    table(p, &cols, &rows, true);
    // Stacked bars beside the table, one per row.
    let x = MARGIN + 102.0;
    for (i, c) in Criterion::ALL.iter().enumerate() {
        let k = t.criteria[c.index()];
        let y = top + 5.2 * (i as f32 + 1.0) + 0.8;
        stacked(
            &mut p.ops,
            p.m,
            x,
            y,
            CONTENT_W - 102.0,
            3.6,
            &[(k.pass, PASS, false), (k.warn, WARN, false), (k.review, REVIEW, true), (k.fail, FAIL, true), (k.na, NEUTRAL, false)],
        );
    }
    p.y += 3.0;
    let y = p.y;
    legend(&mut p.ops, p.m, MARGIN, y, &[("pass", PASS), ("warn", WARN), ("review", REVIEW), ("fail", FAIL), ("n/a", NEUTRAL)]);
    p.y += 5.0;
    p.para(
        "A product's verdict is its worst criterion status. review means the data needed to decide is missing, unreadable, implausible or contradictory; it is never counted as pass. Criteria that do not apply (the ratio without both vitamins, every criterion of an out-of-scope record) are n/a.",
        8.0,
        GREY,
    );
}

/// The first page's key-value block: catalogue, label, date, policy, market, tool.
fn catalogue_facts(p: &mut Pages, d: &ReportData) {
    let stem = [".csv", ".xlsx", ".xls", ".ods"].iter().find_map(|e| d.catalogue.name.strip_suffix(e)).unwrap_or(&d.catalogue.name);
    let label = d.supplier.map(str::to_string).unwrap_or_else(|| stem.to_string());
    let info = [
        (
            "Catalogue",
            if d.catalogue.delimiter.is_empty() {
                // A workbook: its format and sheet stand where a CSV's encoding and delimiter do.
                format!("{} ({} records, {})", d.catalogue.path, n(d.catalogue.records), d.catalogue.encoding)
            } else {
                format!(
                    "{} ({} records, {}, delimiter {})",
                    d.catalogue.path,
                    n(d.catalogue.records),
                    d.catalogue.encoding,
                    d.catalogue.delimiter
                )
            },
        ),
        ("Label", label),
        ("Date", d.date.to_string()),
        ("Policy", format!("{} {} (sha256 {})", d.policy.name, d.policy.version, d.policy.short_hash())),
        ("Market", format!("{} ({})", d.policy.market, d.policy.market.profile().name)),
        ("Tool", format!("k2d3-audit {}", d.tool_version)),
        ("Catalogue sha256", d.catalogue.sha256.clone()),
    ];
    // The values start after the widest label, measured in the font that draws it.
    let key_w = info.iter().map(|(k, _)| p.m.width(k, 9.0, true)).fold(35.0, f32::max) + 3.0;
    for (k, v) in info {
        let y = p.y;
        p.text_at(MARGIN, y, 9.0, true, BLACK, k);
        let v = p.m.fit(&sanitize(&v), CONTENT_W - key_w, 9.0, false);
        p.text_at(MARGIN + key_w, y, 9.0, false, BLACK, &v);
        p.y += 4.6;
    }
}

pub fn suppliers(p: &mut Pages, d: &ReportData) {
    p.heading("Suppliers", 20.0);
    p.para(
        &format!(
            "One row per supplier (the brand where no supplier is named), worst first. Grade: A to E by the share of graded products that pass or only warn (see `k2d3-audit explain grades`); {}; a supplier whose products all rest on data missing from the export is {}.",
            d.policy.grades.cap_text(),
            crate::policy::NOT_GRADED
        ),
        8.0,
        GREY,
    );
    let cols = [
        Col { title: "supplier", width: 50.0, right: false },
        Col { title: "products", width: 18.0, right: true },
        Col { title: "pass", width: 14.0, right: true },
        Col { title: "warn", width: 14.0, right: true },
        Col { title: "review", width: 14.0, right: true },
        Col { title: "fail", width: 14.0, right: true },
        Col { title: "invalid", width: 14.0, right: true },
        Col { title: "fail %", width: 15.0, right: true },
        Col { title: "grade", width: 27.0, right: true },
    ];
    let rows: Vec<Vec<String>> = d
        .suppliers
        .iter()
        .map(|s| {
            let grade = s.grade.unwrap_or("not graded").to_string();
            vec![s.name.clone(), n(s.products), n(s.pass), n(s.warn), n(s.review), n(s.fail), n(s.invalid), pct(s.fail, s.products), grade]
        })
        .collect();
    table(p, &cols, &rows, false);
}

pub fn top_findings(p: &mut Pages, d: &ReportData) {
    p.heading("Top findings", 30.0);
    let mut rules: Vec<(RuleId, u64)> = d.tally.rules.iter().map(|(r, c)| (*r, *c)).collect();
    rules.sort_by_key(|(r, c)| (std::cmp::Reverse(*c), *r));
    if rules.is_empty() {
        p.para("No rule is broken.", 9.0, BLACK);
        return;
    }
    p.para("The rules broken most often, with what the supplier should do. Waived findings are counted apart.", 8.0, GREY);
    for (r, c) in rules {
        let waived = d.tally.waived.get(&r).copied().unwrap_or(0);
        let hint = p.m.wrap(&sanitize(&fix_line(r, c, d.tally.gaps.get(&r).copied().unwrap_or(0))), CONTENT_W - 8.0, 8.0, false, 4);
        p.ensure(6.0 + 3.8 * hint.len() as f32);
        let y = p.y + 4.0;
        let head = format!("{}  ({})", r.as_str(), r.criterion().as_str());
        p.text_at(MARGIN, y, 9.5, true, BLACK, &head);
        let gaps = d.tally.gaps.get(&r).copied().unwrap_or(0);
        let mut count = count(c, "product", "products");
        if waived > 0 {
            count = format!("{count}, {} waived", n(waived));
        }
        if gaps > 0 {
            count = format!("{count}; {} the export's data gap", n(gaps));
        }
        let w = p.m.width(&count, 9.0, false);
        p.text_at(MARGIN + CONTENT_W - w, y, 9.0, false, BLACK, &count);
        p.y += 5.0;
        for l in hint {
            p.y += 3.8;
            let y = p.y;
            p.text_at(MARGIN + 4.0, y, 8.0, false, GREY, &l);
        }
        p.y += 2.0;
    }
}

pub fn products(p: &mut Pages, d: &ReportData) {
    p.heading("Products that are not pass", 30.0);
    if d.products.is_empty() {
        p.para("Every product in scope passes.", 9.0, BLACK);
        return;
    }
    p.para(
        "Worst first, then in catalogue order. Each finding gives its status, rule and message, and the label text it rests on.",
        8.0,
        GREY,
    );
    for e in d.products {
        product_block(p, e);
    }
    let listed = d.products.len() as u64;
    if d.products_total > listed {
        p.y += 2.0;
        p.para(
            &format!(
                "{} more products that are not pass are not listed here (the list stops at {} products): every finding is in findings.csv.",
                n(d.products_total - listed),
                n(listed)
            ),
            9.0,
            BLACK,
        );
    }
}

/// What to do about a rule broken by `count` products, `gaps` of them only because the export
/// lacks the fact (no column, or an empty cell): the supplier's fix, and asking for the data.
fn fix_line(r: RuleId, count: u64, gaps: u64) -> String {
    let ask = "ask the supplier for the label data (its pack lists it under \"Label data we need\"), or the export for the missing column; this is not a change to the label";
    if gaps == 0 {
        format!("Fix: {}", r.fix_hint())
    } else if gaps >= count {
        format!("Fix: {ask}.")
    } else {
        format!("Fix: {} For the {} data-gap products: {ask}.", r.fix_hint(), n(gaps))
    }
}

/// One product with its findings and their evidence.
fn product_block(p: &mut Pages, e: &ProductEntry) {
    let mut lines: Vec<(f32, bool, Rgb3, String, f32)> = Vec::new(); // (indent, bold, colour, text, size)
    for f in &e.findings {
        let status = match (f.waived, f.data_gap) {
            (true, _) => format!("{} (waived)", f.status),
            (false, true) => format!("{} (the export's data gap, not the supplier's)", f.status),
            (false, false) => f.status.to_string(),
        };
        let text = format!("{status} {}: {}", f.rule, f.message);
        for (i, l) in p.m.wrap(&sanitize(&text), CONTENT_W - 6.0, 8.0, false, 3).into_iter().enumerate() {
            lines.push((if i == 0 { 4.0 } else { 8.0 }, false, if f.waived { GREY } else { BLACK }, l, 8.0));
        }
        if !f.evidence.is_empty() {
            let ev = p.m.fit(&sanitize(&format!("evidence: {}", f.evidence)), CONTENT_W - 10.0, 7.0, false);
            lines.push((8.0, false, GREY, ev, 7.0));
        }
    }
    let verdict = e.verdict.as_str().to_uppercase();
    let vw = p.m.width(&verdict, 8.5, true);
    // The product's name wraps to a second line rather than lose its amounts and count.
    let head = format!("row {} · {} · {}", e.row, if e.sku.is_empty() { "(no SKU)" } else { &e.sku }, e.product);
    let head = p.m.wrap(&sanitize(&head), CONTENT_W - 52.0 - vw, 8.5, true, 2);
    let extra = 3.6 * (head.len() as f32 - 1.0);
    let h = 6.0 + extra + lines.len() as f32 * 3.6;
    p.ensure(h.min(60.0));
    let y = p.y;
    fill_rect(&mut p.ops, verdict_colour(e.verdict), MARGIN, y, 1.6, 4.6 + extra);
    p.text_at(MARGIN + CONTENT_W - vw, y + 3.6, 8.5, true, BLACK, &verdict);
    for (i, l) in head.iter().enumerate() {
        p.text_at(MARGIN + 3.0, y + 3.6 + 3.6 * i as f32, 8.5, true, BLACK, l);
    }
    let sup = p.m.fit(&sanitize(&e.supplier), 44.0, 8.0, false);
    let sw = p.m.width(&sup, 8.0, false);
    p.text_at(MARGIN + CONTENT_W - vw - 3.0 - sw, y + 3.6, 8.0, false, GREY, &sup);
    p.y += 5.4 + extra;
    for (indent, bold, col, l, size) in lines {
        p.ensure(3.6);
        p.y += 3.6;
        let y = p.y;
        p.text_at(MARGIN + indent, y, size, bold, col, &l);
    }
    p.y += 2.6;
}

pub fn changes(p: &mut Pages, d: &ReportData) {
    let Some(c) = d.changes else { return };
    p.heading("Changes since last audit", 40.0);
    p.para(&format!("Compared with {}.", c.baseline), 8.0, GREY);
    let cols = [Col { title: "change", width: 40.0, right: false }, Col { title: "products", width: 24.0, right: true }];
    let rows = vec![
        vec!["worse".into(), n(c.worse)],
        vec!["new".into(), n(c.new)],
        vec!["better".into(), n(c.better)],
        vec!["same".into(), n(c.same)],
        vec!["gone".into(), n(c.gone.len() as u64)],
    ];
    table(p, &cols, &rows, true);
    if !c.worse_products.is_empty() {
        p.y += 2.0;
        p.para("Products that got worse, with their findings now:", 9.0, BLACK);
        for w in &c.worse_products {
            let entry = ProductEntry {
                row: w.row,
                line: 0,
                sku: w.sku.clone(),
                gtin: String::new(),
                product: format!("{} -> {}: {}", w.before, w.after, w.product),
                supplier: w.supplier.clone(),
                verdict: w.after,
                findings: w.findings.clone(),
            };
            product_block(p, &entry);
        }
        if c.worse > c.worse_products.len() as u64 {
            p.para(
                &format!("{} more products got worse: filter audit.csv on change = worse.", n(c.worse - c.worse_products.len() as u64)),
                8.0,
                GREY,
            );
        }
    }
    if !c.gone.is_empty() {
        p.y += 2.0;
        p.para("Products in the last audit that are no longer in the catalogue:", 9.0, BLACK);
        let cols = [
            Col { title: "sku", width: 34.0, right: false },
            Col { title: "product", width: 92.0, right: false },
            Col { title: "supplier", width: 30.0, right: false },
            Col { title: "last verdict", width: 24.0, right: false },
        ];
        let rows: Vec<Vec<String>> =
            c.gone.iter().take(500).map(|g| vec![g.sku.clone(), g.product.clone(), g.supplier.clone(), g.verdict.to_string()]).collect();
        table(p, &cols, &rows, false);
        if c.gone.len() > 500 {
            p.para(&format!("{} more gone products are listed in summary.json.", n(c.gone.len() as u64 - 500)), 8.0, GREY);
        }
    }
}

pub fn rejected(p: &mut Pages, d: &ReportData) {
    p.heading("Rejected records", 20.0);
    if d.rejected_total == 0 {
        p.para("Every record could be read.", 9.0, BLACK);
        return;
    }
    p.para("Records that could not be read are invalid (counted as fail for --fail-on). Their raw text is in rejected.csv.", 8.0, GREY);
    let cols = [
        Col { title: "row", width: 16.0, right: true },
        Col { title: "line", width: 16.0, right: true },
        Col { title: "reason", width: 148.0, right: false },
    ];
    let rows: Vec<Vec<String>> = d.rejected.iter().map(|r| vec![r.row.to_string(), r.line.to_string(), r.reason.clone()]).collect();
    table(p, &cols, &rows, false);
    if d.rejected_total > d.rejected.len() as u64 {
        p.para(&format!("{} more rejected records are in rejected.csv.", n(d.rejected_total - d.rejected.len() as u64)), 8.0, GREY);
    }
}

/// The Method page's market profile: its limits, each with its source (SPEC §13).
fn market(p: &mut Pages, d: &ReportData) {
    p.y += 2.0;
    p.ensure(16.0);
    let y = p.y + 2.0;
    p.text_at(MARGIN, y, 10.0, true, BLACK, "Market");
    p.y += 4.0;
    for line in market_lines(d.policy.market) {
        p.dash_item(&line, 3.0, 8.0, 3.6, BLACK, 6);
    }
}

pub fn method(p: &mut Pages, d: &ReportData) {
    p.new_page();
    p.heading("Method", 20.0);
    let pol = d.policy;
    p.para(
        &format!(
            "Policy \"{}\" version {} from {} (sha256 {}). Every product's label facts are read from the catalogue's own columns first and from its free text (title, ingredients, description, other ingredients, certifications, warnings, directions) where a column is empty or absent; each fact keeps the column and text it came from.",
            pol.name, pol.version, pol.source, pol.sha256
        ),
        8.5,
        BLACK,
    );
    p.para(
        "Units: 1 µg of vitamin D = 40 IU; vitamin K has no IU (an IU amount for K is sent to review). Amounts are per serving; per day = per serving × servings per day, from the servings-per-day column or the directions (their maximum, e.g. \"1 capsule 1-2 times daily\" = 2). When one label states both units they must agree within 2 %.",
        8.5,
        BLACK,
    );
    for c in Criterion::ALL {
        p.ensure(14.0);
        p.y += 3.0;
        let y = p.y + 2.0;
        p.text_at(MARGIN, y, 10.0, true, BLACK, c.as_str());
        p.y += 4.0;
        p.para(c.description(), 8.5, BLACK);
        for r in RuleId::ALL.iter().filter(|r| r.criterion() == c) {
            p.ensure(8.0);
            p.y += 1.0;
            let y = p.y + 3.0;
            p.text_at(MARGIN + 3.0, y, 8.5, true, BLACK, r.as_str());
            p.y += 3.5;
            for t in thresholds(*r, pol) {
                p.dash_item(&t, 6.0, 8.0, 3.6, BLACK, 4);
            }
            p.y += 1.0;
        }
    }
    p.y += 3.0;
    p.ensure(20.0);
    let y = p.y + 2.0;
    p.text_at(MARGIN, y, 10.0, true, BLACK, "Sources");
    p.y += 4.0;
    p.para(
        "Upper intake level of vitamin D 4,000 IU (100 µg) a day for adults: NIH Office of Dietary Supplements and IOM 2011; EFSA sets 100 µg. 10,000 IU a day is the IOM no-observed-adverse-effect level (hypercalcemia risk with prolonged use). Vitamin K antagonists (warfarin): MK-7 from 10 µg a day moves the INR (Theuwissen 2013; Schurgers 2007). No authority publishes a K2 : D3 ratio: the ratio band is this policy's choice (common guidance runs from 10 to about 125 µg K2 per 1,000 IU; 100 µg : 5,000 IU is 20). The minimum K2 dose follows the usual retail dose of 45 µg (Theuwissen 2013); the MK-4 therapeutic threshold follows Sato 2012 and Koitaya 2014.",
        8.0,
        BLACK,
    );
    market(p, d);
    p.y += 2.0;
    p.ensure(12.0);
    let y = p.y + 2.0;
    p.text_at(MARGIN, y, 10.0, true, BLACK, "Waivers");
    p.y += 4.0;
    if pol.waivers.is_empty() {
        p.para("No waivers in this policy.", 8.5, BLACK);
    } else {
        let cols = [
            Col { title: "target", width: 44.0, right: false },
            Col { title: "rule", width: 34.0, right: false },
            Col { title: "reason", width: 56.0, right: false },
            Col { title: "expires", width: 22.0, right: false },
            Col { title: "matched", width: 24.0, right: true },
        ];
        let rows: Vec<Vec<String>> = pol
            .waivers
            .iter()
            .map(|w| {
                vec![
                    w.target_text(),
                    w.rule.to_string(),
                    w.reason.clone(),
                    w.expires.map_or("-".into(), |e| e.to_string()),
                    if w.expired { "expired".into() } else { n(w.match_count()) },
                ]
            })
            .collect();
        table(p, &cols, &rows, false);
    }
}
