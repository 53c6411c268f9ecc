//! `by-supplier/<supplier>.pdf` (SPEC §10): the supplier review a category manager sends as is. A
//! cover block (who, by when, the grade, the counts, what changed), the required changes product
//! by product (SKU, GTIN, name; never a catalogue row), the products that pass, and one page of
//! criteria in words. Nothing catalogue-internal but the policy's name and hash in the footer.

use printpdf::*;

use super::chart::{FAIL, PASS, REVIEW, WARN, legend, stacked};
use super::layout::{BLACK, CONTENT_W, GREY, MARGIN, Metrics, Pages, RULE, SHADE, fill_rect, rule, sanitize};
use super::sections::verdict_colour;
use super::table::{Col, table};
use crate::numfmt::human_amount;
use crate::policy::thresholds;
use crate::policy::{GRADED_PRODUCTS, Grade, NOT_GRADED};
use crate::report::SupplierReview;
use crate::results::{PassEntry, ProductEntry, Verdict, group_passing, group_products};
use crate::rules::Criterion;
use crate::rules::change::DATA_GAP_REASON;

fn n(x: u64) -> String {
    human_amount(x as f64)
}

/// Renders one supplier's review. Identical data gives identical bytes.
pub fn render(r: &SupplierReview) -> super::Pdf {
    let m = Metrics::new();
    let mut p = Pages::new(&m);
    cover(&mut p, r);
    if required(r).next().is_some() {
        required_changes(&mut p, r);
    }
    if data_needed(r).next().is_some() {
        label_data(&mut p, r);
    }
    no_change(&mut p, r);
    criteria(&mut p, r);
    let (pages, bookmarks) = p.finish();
    let title = format!("Supplier review – {}", r.supplier);
    let subject = format!("Vitamin D3 + K2 products of {}: required changes", r.supplier);
    let footer = format!("policy {} {} ({}) · k2d3-audit {}", r.policy.name, r.policy.version, r.policy.short_hash(), r.tool_version);
    document(&m, pages, bookmarks, &title, &subject, &footer, r)
}

/// Products with at least one change to ask for.
fn required<'r>(r: &'r SupplierReview) -> impl Iterator<Item = &'r ProductEntry> {
    r.products.iter().filter(|e| e.findings.iter().any(|f| f.is_required()))
}

/// Products with label data to ask for: a data gap of our export (SPEC §10).
fn data_needed<'r>(r: &'r SupplierReview) -> impl Iterator<Item = &'r ProductEntry> {
    r.products.iter().filter(|e| e.findings.iter().any(|f| f.is_data_needed()))
}

/// A label and its value on one line of the cover block.
fn field(p: &mut Pages, label: &str, value: &str) {
    let y = p.y;
    p.text_at(MARGIN, y, 10.0, true, BLACK, label);
    let v = p.m.fit(&sanitize(value), CONTENT_W - 42.0, 10.0, false);
    p.text_at(MARGIN + 42.0, y, 10.0, false, BLACK, &v);
    p.y += 5.4;
}

fn cover(p: &mut Pages, r: &SupplierReview) {
    p.bookmarks.push(("Supplier review".into(), 1));
    p.y += 6.0;
    let y = p.y;
    p.text_at(MARGIN, y, 20.0, true, BLACK, "Supplier review");
    p.y += 9.0;
    let y = p.y;
    let name = p.m.fit(&sanitize(r.supplier), CONTENT_W, 15.0, true);
    p.text_at(MARGIN, y, 15.0, true, BLACK, &name);
    p.y += 9.0;
    let not_given = "(not given)";
    field(p, "Supplier", r.supplier);
    field(p, "Retailer", r.pack.retailer.as_deref().unwrap_or(not_given));
    field(p, "Date", &r.date.to_string());
    field(p, "Contact", r.pack.contact.as_deref().unwrap_or(not_given));
    field(p, "Please respond by", &r.pack.respond_by.to_string());
    p.y += 3.0;
    grade_block(p, r);
    counts(p, r);
    if let Some(c) = r.changes {
        p.heading("Since the last review", 20.0);
        let prev = match c.previous_grade {
            None => "-".to_string(),
            Some(None) => "not graded".to_string(),
            Some(Some(g)) => g.to_string(),
        };
        let now = r.grade.map_or("not graded".to_string(), |g| g.to_string());
        let cols = [
            Col { title: "fixed", width: 24.0, right: true },
            Col { title: "worse", width: 24.0, right: true },
            Col { title: "new", width: 24.0, right: true },
            Col { title: "gone", width: 24.0, right: true },
            Col { title: "previous grade", width: 34.0, right: true },
            Col { title: "grade now", width: 26.0, right: true },
        ];
        let row = vec![n(c.moved.fixed), n(c.moved.worse), n(c.moved.new), n(c.gone), prev, now];
        table(p, &cols, &[row], false);
        p.para("fixed: products better than at the last review; gone: products no longer listed.", 8.0, GREY);
    }
    p.heading("What we ask", 20.0);
    let retailer = r.pack.retailer.as_deref().unwrap_or("We");
    let reply = match &r.pack.contact {
        Some(c) => format!("Please reply to {c} by {}", r.pack.respond_by),
        None => format!("Please reply by {}", r.pack.respond_by),
    };
    let k = required(r).count();
    let d = data_needed(r).count();
    if k == 0 {
        let y = p.y + 4.0;
        p.text_at(MARGIN, y, 12.0, true, BLACK, "No changes required");
        p.y += 8.0;
    }
    let intro = format!("{retailer} reviewed your vitamin D3 + K2 products against its compliance policy.");
    let changes = match k {
        0 => "No changes required: every product meets the policy or has nothing you need to change.".to_string(),
        k => format!(
            "{} {} changes; the next pages list, product by product, what to change and the label text each point rests on.",
            products(k as u64),
            if k == 1 { "needs" } else { "need" }
        ),
    };
    let data = match d {
        0 => String::new(),
        d => format!(
            " For {} our product data lacks facts from the label: under \"Label data we need\" we ask you to send them; nothing to change there.",
            products(d as u64)
        ),
    };
    let ask = match (k, d) {
        (0, 0) => format!("{intro} {changes} {reply} only if a product's label has changed since."),
        (0, _) => {
            format!("{intro} {changes}{data} The same list is in {} for your team. {reply} with the label data asked for.", r.csv_name)
        }
        _ => format!(
            "{intro} {changes}{data} The same list is in {} for your team. {reply} with the changes you will make and when, or with corrected label data where ours is wrong.",
            r.csv_name
        ),
    };
    p.para(&ask, 9.5, BLACK);
}

fn grade_block(p: &mut Pages, r: &SupplierReview) {
    let y = p.y;
    let letter = r.grade.map_or("-", Grade::as_str);
    let g = &r.policy.grades;
    let counts = r.tally.grading;
    let on = format!("graded on {} of {}", n(counts.graded), products(counts.audited));
    let what = match r.grade {
        Some(grade) => g.definition(grade),
        None => NOT_GRADED.into(),
    };
    let set_aside = counts.audited - counts.graded;
    let aside = match set_aside {
        0 => String::new(),
        k => format!(
            " {} not graded: {} only on label data missing from our export (listed under \"Label data we need\").",
            products(k),
            if k == 1 { "its open points rest" } else { "their open points rest" }
        ),
    };
    let share = match counts.graded {
        0 => String::new(),
        g => format!("{} of {} graded pass or only warn.", n(counts.ok), n(g)),
    };
    let detail = format!(
        "{share}{aside} Scale: A >= {} %, B >= {} %, C >= {} %, D >= {} %, else E; {}.",
        human_amount(g.cutoffs[0] * 100.0),
        human_amount(g.cutoffs[1] * 100.0),
        human_amount(g.cutoffs[2] * 100.0),
        human_amount(g.cutoffs[3] * 100.0),
        g.cap_text()
    );
    let lines = p.m.wrap(&sanitize(detail.trim_start()), CONTENT_W - 26.0, 7.5, false, 3);
    let h = (16.5 + 3.2 * lines.len() as f32).max(22.0);
    fill_rect(&mut p.ops, SHADE, MARGIN, y, CONTENT_W, h);
    p.text_at(MARGIN + 5.0, y + 16.0, 30.0, true, grade_colour(r.grade), letter);
    p.text_at(MARGIN + 22.0, y + 6.5, 10.0, true, BLACK, &format!("Grade · {on}"));
    let first = p.m.fit(&sanitize(&what), CONTENT_W - 26.0, 9.5, false);
    p.text_at(MARGIN + 22.0, y + 11.5, 9.5, false, BLACK, &first);
    for (i, l) in lines.into_iter().enumerate() {
        p.text_at(MARGIN + 22.0, y + 15.5 + 3.2 * i as f32, 7.5, false, GREY, &l);
    }
    p.y += h + 3.0;
    // Said only where the cap lowered the grade.
    if counts.safety_fail > 0 && r.grade.is_some() && counts.uncapped(g) < r.grade {
        p.para(
            &format!("{} failing a safety rule: the grade cannot be better than {}.", products(counts.safety_fail), g.safety_fail_cap),
            8.5,
            BLACK,
        );
    }
}

fn grade_colour(g: Option<Grade>) -> super::layout::Rgb3 {
    match g {
        Some(Grade::A | Grade::B) => super::layout::Rgb3(0.15, 0.45, 0.15),
        Some(Grade::C) => super::layout::Rgb3(0.70, 0.45, 0.05),
        Some(Grade::D | Grade::E) => FAIL,
        None => GREY,
    }
}

fn products(k: u64) -> String {
    format!("{} {}", n(k), if k == 1 { "product" } else { "products" })
}

/// Product counts by verdict, with a stacked bar.
fn counts(p: &mut Pages, r: &SupplierReview) {
    p.heading("Your products", 24.0);
    let t = r.tally;
    let cols = [
        Col { title: "products", width: 24.0, right: true },
        Col { title: "pass", width: 20.0, right: true },
        Col { title: "warn", width: 20.0, right: true },
        Col { title: "review", width: 20.0, right: true },
        Col { title: "fail", width: 20.0, right: true },
    ];
    let row =
        vec![n(t.products()), n(t.count(Verdict::Pass)), n(t.count(Verdict::Warn)), n(t.count(Verdict::Review)), n(t.count(Verdict::Fail))];
    let top = p.y;
    table(p, &cols, &[row], false);
    let parts = [
        (t.count(Verdict::Pass), PASS, false),
        (t.count(Verdict::Warn), WARN, false),
        (t.count(Verdict::Review), REVIEW, true),
        (t.count(Verdict::Fail), FAIL, true),
    ];
    stacked(&mut p.ops, p.m, MARGIN + 110.0, top + 6.0, CONTENT_W - 110.0, 3.6, &parts);
    let y = p.y + 1.0;
    legend(&mut p.ops, p.m, MARGIN + 110.0, y, &[("pass", PASS), ("warn", WARN), ("review", REVIEW), ("fail", FAIL)]);
    p.y += 4.0;
    p.para(
        "pass: meets every criterion; warn: acceptable with a weakness; review: the label data we hold is missing, unreadable or contradictory; fail: breaks the policy.",
        8.0,
        GREY,
    );
}

fn required_changes(p: &mut Pages, r: &SupplierReview) {
    p.new_page();
    p.heading("Required changes", 30.0);
    p.para(
        "Worst first. Each product is named by your SKU, its GTIN and its name; each point says what to change, using the product's own amounts, and quotes the label text it rests on.",
        8.0,
        GREY,
    );
    let mut listed = 0u64;
    // Variants (same product name but for its size, same findings) are one entry (SPEC §10).
    for group in group_products(required(r)) {
        product_block(p, &group);
        listed += group.len() as u64;
    }
    let not_listed = r.products_total.saturating_sub(r.products.len() as u64);
    if not_listed > 0 {
        p.y += 2.0;
        p.para(
            &format!(
                "{} more products that are not pass are not listed here (this document stops at {}): every change asked for is in {} ({} rows).",
                n(not_listed),
                n(listed),
                r.csv_name,
                n(r.actions_total)
            ),
            9.0,
            BLACK,
        );
    }
}

/// One product and its variants: its identity (every variant's SKU and GTIN) and verdict, then
/// each required change with its evidence.
fn product_block(p: &mut Pages, group: &[&ProductEntry]) {
    let Some(e) = group.first().copied() else { return };
    let mut lines: Vec<BodyLine> = Vec::new();
    for (i, f) in e.findings.iter().filter(|f| f.is_required()).enumerate() {
        let head = format!("{}. {} ({}, {}): {}", i + 1, f.required_change, f.rule, f.status, variant_messages(group, i));
        let most = 4 + group.len().min(16);
        for (j, l) in p.m.wrap(&sanitize(&head), CONTENT_W - 8.0, 8.5, false, most).into_iter().enumerate() {
            lines.push((if j == 0 { 3.0 } else { 6.5 }, BLACK, l, 8.5));
        }
        if !f.evidence.is_empty() {
            for l in p.m.wrap(&sanitize(&format!("label text: {}", f.evidence)), CONTENT_W - 12.0, 7.5, false, 2) {
                lines.push((6.5, GREY, l, 7.5));
            }
        }
    }
    let verdict = e.verdict.as_str().to_uppercase();
    entry_block(p, group, verdict_colour(e.verdict), Some(&verdict), 1.6, lines);
}

/// A line of an entry's body: indent, colour, text, font size.
type BodyLine = (f32, super::layout::Rgb3, String, f32);

/// One entry of a product and its variants: a bar in `colour` (and `label`, the verdict, on the
/// right), the product's name, every variant's SKU and GTIN (`id_gap` below them when they take
/// more than one line), then `lines`, and a rule.
fn entry_block(
    p: &mut Pages,
    group: &[&ProductEntry],
    colour: super::layout::Rgb3,
    label: Option<&str>,
    id_gap: f32,
    lines: Vec<BodyLine>,
) {
    let Some(e) = group.first().copied() else { return };
    let vw = label.map_or(0.0, |l| p.m.width(l, 9.0, true));
    // A long product name wraps to a second line: the supplier must recognise the product.
    let name = if e.product.is_empty() { "(no product name)" } else { &e.product };
    let title = p.m.wrap(&sanitize(name), CONTENT_W - 8.0 - vw, 9.5, true, 2);
    let extra = 4.0 * (title.len() as f32 - 1.0);
    p.ensure((10.0 + extra + lines.len() as f32 * 3.8).min(70.0));
    let y = p.y;
    fill_rect(&mut p.ops, colour, MARGIN, y, 1.6, 8.6 + extra);
    if let Some(l) = label {
        p.text_at(MARGIN + CONTENT_W - vw, y + 3.6, 9.0, true, BLACK, l);
    }
    for (i, l) in title.iter().enumerate() {
        p.text_at(MARGIN + 3.0, y + 3.6 + 4.0 * i as f32, 9.5, true, BLACK, l);
    }
    // Every variant's SKU and GTIN: the first line under the name, the rest before the body.
    let ids = variant_ids(group.iter().map(|e| (e.sku.as_str(), e.gtin.as_str(), e.product.as_str())));
    let mut id_lines = p.m.wrap(&sanitize(&ids), CONTENT_W - 3.0, 8.0, false, 200).into_iter();
    p.text_at(MARGIN + 3.0, y + 7.8 + extra, 8.0, false, GREY, &id_lines.next().unwrap_or_default());
    p.y += 9.4 + extra;
    let mut more = 0;
    for l in id_lines {
        p.ensure(3.6);
        p.y += if more == 0 { 2.0 } else { 3.6 };
        more += 1;
        let y = p.y;
        p.text_at(MARGIN + 3.0, y, 8.0, false, GREY, &l);
    }
    if more > 0 {
        p.y += id_gap;
    }
    for (indent, col, l, size) in lines {
        p.ensure(3.8);
        p.y += 3.8;
        let y = p.y;
        p.text_at(MARGIN + indent, y, size, false, col, &l);
    }
    p.y += 2.0;
    let y = p.y;
    rule(&mut p.ops, MARGIN, MARGIN + CONTENT_W, y, 0.3, RULE);
    p.y += 2.0;
}

/// "Label data we need": products whose findings rest on facts our export lacks, each with the
/// label data to send. A request, never a change to the label.
fn label_data(p: &mut Pages, r: &SupplierReview) {
    p.new_page();
    p.heading("Label data we need", 30.0);
    p.para(
        "Our product data lacks these facts from your labels, so we could not check them. This is not a change to your labels: please send us what each product lists (a photo or scan of the label will do). These points do not count against your grade.",
        8.0,
        GREY,
    );
    // Variants asking for the same label data are one entry, like the required changes.
    for group in group_products(data_needed(r)) {
        request_block(p, &group);
    }
    let not_listed = r.products_total.saturating_sub(r.products.len() as u64);
    if not_listed > 0 {
        p.y += 2.0;
        p.para(
            &format!(
                "{} more products are not listed in this document: every request is in {} (status data_needed).",
                n(not_listed),
                r.csv_name
            ),
            9.0,
            BLACK,
        );
    }
}

/// One product and its variants: their identity, then each piece of label data to send and why.
fn request_block(p: &mut Pages, group: &[&ProductEntry]) {
    let Some(e) = group.first().copied() else { return };
    let mut lines: Vec<BodyLine> = Vec::new();
    for (i, f) in e.findings.iter().filter(|f| f.is_data_needed()).enumerate() {
        // The request alone: why it is asked is said once, above the list.
        let ask = f.required_change.strip_suffix(DATA_GAP_REASON).map_or(f.required_change.as_str(), |a| a.trim_end_matches([':', ' ']));
        let head = format!("{}. {ask} ({})", i + 1, f.rule);
        for (j, l) in p.m.wrap(&sanitize(&head), CONTENT_W - 8.0, 8.5, false, 4).into_iter().enumerate() {
            lines.push((if j == 0 { 3.0 } else { 6.5 }, BLACK, l, 8.5));
        }
        if !f.message.is_empty() {
            for l in p.m.wrap(&sanitize(&format!("why: {}", f.message)), CONTENT_W - 12.0, 7.5, false, 2) {
                lines.push((6.5, GREY, l, 7.5));
            }
        }
    }
    entry_block(p, group, REVIEW, None, 0.0, lines);
}

fn dash(s: &str) -> &str {
    if s.trim().is_empty() { "-" } else { s }
}

/// The message of each variant's `i`-th required change, each message once: variants differ only
/// in messages about their own identifiers (a GTIN's check digit).
fn variant_messages(group: &[&ProductEntry], i: usize) -> String {
    let mut out: Vec<&str> = Vec::new();
    for e in group {
        if let Some(f) = e.findings.iter().filter(|f| f.is_required()).nth(i)
            && !out.contains(&f.message.as_str())
        {
            out.push(&f.message);
        }
    }
    out.join("; ")
}

/// `SKU a · GTIN x` for one product; for variants, how many and each one's SKU and GTIN (and
/// its name, where the variants' names differ: size variants).
fn variant_ids<'e>(ids: impl ExactSizeIterator<Item = (&'e str, &'e str, &'e str)> + Clone) -> String {
    let k = ids.len();
    let mut names = ids.clone().map(|(_, _, name)| name);
    let first = names.next();
    let named = names.any(|n| Some(n) != first);
    let each: Vec<String> = ids
        .map(|(sku, gtin, name)| match named {
            true => format!("SKU {} · GTIN {} ({name})", dash(sku), dash(gtin)),
            false => format!("SKU {} · GTIN {}", dash(sku), dash(gtin)),
        })
        .collect();
    if k == 1 { each.concat() } else { format!("{k} variants: {}", each.join("; ")) }
}

/// Table rows of products that need no change, variants as one entry: the name on the first
/// row, each variant's SKU and GTIN on a row of its own.
fn variant_rows<'e>(groups: impl IntoIterator<Item = Vec<(&'e str, &'e str, &'e str)>>) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for g in groups {
        let k = g.len();
        for (i, (sku, gtin, product)) in g.into_iter().enumerate() {
            let name = match (i, k) {
                (0, 1) => product.to_string(),
                (0, k) => format!("{product} ({k} variants)"),
                _ => String::new(),
            };
            rows.push(vec![dash(sku).into(), dash(gtin).into(), name]);
        }
    }
    rows
}

/// Products that pass, and products whose only open points are waived.
fn no_change<'r>(p: &mut Pages, r: &'r SupplierReview) {
    let others: Vec<&ProductEntry> =
        r.products.iter().filter(|e| !e.findings.iter().any(|f| f.is_required() || f.is_data_needed())).collect();
    if r.passing.is_empty() && others.is_empty() {
        return;
    }
    p.heading("Products that pass", 24.0);
    let cols = [
        Col { title: "SKU", width: 34.0, right: false },
        Col { title: "GTIN", width: 32.0, right: false },
        Col { title: "product", width: 114.0, right: false },
    ];
    let pass_ids = |g: Vec<&'r PassEntry>| g.into_iter().map(|e| (e.sku.as_str(), e.gtin.as_str(), e.product.as_str())).collect();
    let rows = variant_rows(group_passing(r.passing).into_iter().map(pass_ids));
    if rows.is_empty() {
        p.para("None of your products passes every criterion yet.", 9.0, BLACK);
    } else {
        table(p, &cols, &rows, false);
    }
    if r.passing_total > r.passing.len() as u64 {
        p.para(&format!("and {} more.", n(r.passing_total - r.passing.len() as u64)), 8.5, BLACK);
    }
    if !others.is_empty() {
        p.y += 2.0;
        p.para("Nothing to change either (their open points are waived by agreement):", 8.5, BLACK);
        let ids = |g: Vec<&'r ProductEntry>| g.into_iter().map(|e| (e.sku.as_str(), e.gtin.as_str(), e.product.as_str())).collect();
        let rows = variant_rows(group_products(others.iter().copied()).into_iter().map(ids));
        table(p, &cols, &rows, false);
    }
}

/// One short page: each criterion in words with the policy's numbers, and the grade scale.
fn criteria(p: &mut Pages, r: &SupplierReview) {
    p.new_page();
    p.heading("The criteria", 40.0);
    p.para(
        &format!(
            "Every product is checked against the policy \"{}\" {} on six criteria. Its verdict is its worst criterion.",
            r.policy.name, r.policy.version
        ),
        8.5,
        BLACK,
    );
    for c in Criterion::ALL {
        p.ensure(12.0);
        p.y += 2.0;
        let y = p.y + 2.0;
        p.text_at(MARGIN, y, 9.5, true, BLACK, c.as_str());
        p.y += 3.5;
        p.para(c.description(), 8.0, BLACK);
        let lines = criterion_lines(c, r.policy);
        for t in lines {
            p.dash_item(&t, 4.0, 7.5, 3.3, GREY, 2);
        }
        p.y += 1.0;
    }
    p.para(
        "Where our product data lacks your label's warnings, certifications or ingredients, a product is not failed for it: we ask you for that label data instead (\"Label data we need\"), and it does not count against your grade.",
        8.0,
        BLACK,
    );
    p.y += 2.0;
    p.ensure(24.0);
    let y = p.y + 2.0;
    p.text_at(MARGIN, y, 9.5, true, BLACK, "Grades");
    p.y += 3.5;
    let g = &r.policy.grades;
    let pct = |x: f64| human_amount(x * 100.0);
    p.para(
        &format!(
            "A supplier's grade is the share of its graded products that pass or only warn: A at least {} %, B at least {} %, C at least {} %, D at least {} %, else E; {}. {GRADED_PRODUCTS} With no graded product: {NOT_GRADED}.",
            pct(g.cutoffs[0]),
            pct(g.cutoffs[1]),
            pct(g.cutoffs[2]),
            pct(g.cutoffs[3]),
            g.cap_text()
        ),
        8.0,
        BLACK,
    );
}

/// Every enabled rule of criterion `c`, each status it can give in words, for the supplier: every
/// rule that can fail is there (SPEC §10). How the retailer's own data gaps are treated is policy
/// detail for the retailer (`[data] ...`): the supplier reads it in plain words below the list.
fn criterion_lines(c: Criterion, policy: &crate::policy::Policy) -> Vec<String> {
    crate::rules::RuleId::ALL
        .iter()
        .filter(|rule| rule.criterion() == c && policy.enabled.on(**rule))
        .flat_map(|rule| thresholds(*rule, policy))
        .filter(|line| !line.contains("[data]"))
        .collect()
}

/// Page chrome (title and date on top, policy and "Page N of M" below) and the document.
fn document(
    m: &Metrics,
    pages: Vec<Vec<Op>>,
    bookmarks: Vec<(String, usize)>,
    title: &str,
    subject: &str,
    footer: &str,
    r: &SupplierReview,
) -> super::Pdf {
    let frame = super::Frame { title, footer, date: &r.date.to_string(), timestamp: r.timestamp };
    super::assemble(
        m,
        pages,
        bookmarks,
        &frame,
        |_| false,
        |info| {
            info.author = r.pack.retailer.clone().unwrap_or_else(|| "k2d3-audit".into());
            info.creator = format!("k2d3-audit {}", r.tool_version);
            info.producer = format!("k2d3-audit {} (printpdf)", r.tool_version);
            info.subject = sanitize(subject);
            info.identifier = ascii_identifier(&format!("supplier review {} {}", r.supplier, r.date));
            info.keywords = vec!["supplier review".into(), "vitamin D3".into(), "vitamin K2".into(), r.policy.name.clone()];
        },
    )
}

/// The /Identifier metadata in ASCII: printpdf writes it as a byte string that readers decode
/// as PDFDocEncoding, so other characters are percent-encoded (UTF-8), not turned into `?`.
fn ascii_identifier(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_graphic() && c != '%' || c == ' ' {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;
    use crate::policy::Policy;
    use crate::rules::RuleId;

    /// Every way a rule of the built-in policy can fail is on the criteria page, in plain words.
    #[test]
    fn the_criteria_page_lists_every_rule_that_can_fail() {
        let policy = Policy::builtin(Date::from_ymd(2026, 11, 25));
        let page: Vec<String> = Criterion::ALL.into_iter().flat_map(|c| criterion_lines(c, &policy)).collect();
        let cases = [
            ("K1 only", "K1 only: fail"),
            ("MK-4 below the dose", "MK-4 only below"),
            ("D2", "D2 (ergocalciferol): fail"),
            ("D3 alone", "vitamin D with no vitamin K: fail"),
            ("ratio", "per 1,000 IU D3 a day: fail"),
            ("dry form", "without a carrier oil: fail"),
            ("no certification", "no certification at all: fail"),
            ("no warfarin warning", "blood-thinner / anticoagulant warning: fail"),
            ("maximum dose", "IU a day: fail"),
        ];
        for (name, want) in cases {
            assert!(page.iter().any(|l| l.contains(want)), "{name}: {want:?} not in {page:#?}");
        }
        for rule in RuleId::ALL.into_iter().filter(|r| policy.enabled.on(*r)) {
            for line in thresholds(rule, &policy).into_iter().filter(|l| l.contains(": fail")) {
                assert!(page.contains(&line), "{rule}: {line:?} missing");
            }
        }
        for jargon in ["[data]", "no_column", "coa_date", "certified_until"] {
            assert!(!page.iter().any(|l| l.contains(jargon)), "{jargon} on the page: {page:#?}");
        }
    }

    #[test]
    fn identifiers_are_ascii_and_lose_nothing() {
        let cases = [
            ("ASCII kept", "supplier review Thorne 2026-11-30", "supplier review Thorne 2026-11-30"),
            ("Polish percent-encoded", "Łódź", "%C5%81%C3%B3d%C5%BA"),
            ("percent sign itself", "100%", "100%25"),
            ("control character", "a\nb", "a%0Ab"),
        ];
        for (name, input, want) in cases {
            assert_eq!(super::ascii_identifier(input), want, "{name}");
        }
    }
}
