//! The "Data coverage" section of page 1 (SPEC §8): which facts the export carries, and how many
//! products state each, so a reader tells the retailer's missing columns from the suppliers'
//! missing label text.

use super::chart::{NEUTRAL, PASS};
use super::layout::{BLACK, CONTENT_W, GREY, MARGIN, Pages, fill_rect};
use super::table::{Col, table};
use crate::extract::Fact;
use crate::numfmt::human_amount;
use crate::report::ReportData;
use crate::results::Coverage;
use crate::rules::RuleId;

/// The rule that turns to review when a fact is not carried, if any.
fn rule_of(f: Fact) -> Option<RuleId> {
    match f {
        Fact::WarfarinWarning => Some(RuleId::SafetyWarfarin),
        Fact::Certifications => Some(RuleId::CertThirdParty),
        Fact::CarrierOil => Some(RuleId::CarrierOil),
        _ => None,
    }
}

/// The column to ask for, in words.
fn ask_for(f: Fact) -> &'static str {
    match f {
        Fact::VitaminDAmount => "vitamin D amount per serving (IU or µg)",
        Fact::VitaminDForm => "vitamin D form (D3 / D2)",
        Fact::VitaminKAmount => "vitamin K2 amount per serving (µg)",
        Fact::VitaminKForm => "vitamin K form (MK-7, MK-4, K1)",
        Fact::ServingsPerDay => "servings per day (or the directions)",
        Fact::DosageForm => "dosage form (drops, softgel, capsule...)",
        Fact::CarrierOil => "ingredients or other ingredients",
        Fact::Certifications => "certifications (NSF, USP Verified, Informed...)",
        Fact::WarfarinWarning => "warnings (the label's warning text)",
    }
}

fn pct(x: u64, total: u64) -> String {
    if total == 0 { "-".into() } else { format!("{:.0} %", x as f64 * 100.0 / total as f64) }
}

pub fn coverage(p: &mut Pages, d: &ReportData) {
    let Some(c) = d.coverage else { return };
    p.heading("Data coverage", 40.0);
    p.para(
        "Which facts the export has a column for, and how many of the products in scope state each (from that column or from other text such as the title). A fact with no column can only come from free text: rules that need it give review, as the export's data gap, not the supplier's.",
        8.0,
        GREY,
    );
    let cols = [
        Col { title: "fact", width: 34.0, right: false },
        Col { title: "column used", width: 62.0, right: false },
        Col { title: "stated", width: 18.0, right: true },
        Col { title: "share", width: 16.0, right: true },
    ];
    let rows: Vec<Vec<String>> = Fact::ALL
        .iter()
        .map(|f| {
            let k = c.count(*f);
            vec![f.label().into(), c.column(*f).unwrap_or("none").into(), human_amount(k.stated as f64), pct(k.stated, c.products)]
        })
        .collect();
    // The table and its bars on one page.
    p.ensure(5.2 * (rows.len() as f32 + 1.0) + 2.0);
    let top = p.y;
    let page = p.page_no();
    table(p, &cols, &rows, false);
    if p.page_no() == page {
        let x = MARGIN + 134.0;
        let w = CONTENT_W - 134.0;
        for (i, f) in Fact::ALL.iter().enumerate() {
            let y = top + 5.2 * (i as f32 + 1.0) + 0.8;
            fill_rect(&mut p.ops, NEUTRAL, x, y, w, 3.6);
            let k = c.count(*f);
            if c.products > 0 && k.stated > 0 {
                fill_rect(&mut p.ops, PASS, x, y, w * k.stated as f32 / c.products as f32, 3.6);
            }
        }
    }
    ask_for_columns(p, c);
}

/// "Ask for these columns": the facts the export does not carry, with what their absence costs.
fn ask_for_columns(p: &mut Pages, c: &Coverage) {
    let missing = c.not_carried();
    if missing.is_empty() {
        return;
    }
    let list: Vec<String> = missing
        .into_iter()
        .map(|f| match rule_of(f).map(|r| (r, c.gaps.get(&r).copied().unwrap_or(0))) {
            Some((r, n)) if n > 0 => {
                format!(
                    "{} ({r} is review for {} without it)",
                    ask_for(f),
                    human_amount(n as f64) + if n == 1 { " product" } else { " products" }
                )
            }
            _ => ask_for(f).to_string(),
        })
        .collect();
    p.y += 1.0;
    p.para(&format!("Ask for these columns: {}.", list.join("; ")), 8.5, BLACK);
}
