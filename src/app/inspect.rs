//! `inspect`: what the reader detects in one catalogue (encoding, delimiter, column mapping) and
//! what extraction finds in its first records, each fact with its evidence.

use k2d3_audit::{
    CatalogueReader, ColumnMap, Coverage, Error, Evidence, Fact, Facts, Field, Gap, Item, Record, Scratch, extract, num, spool_stdin,
    temp_prefix,
};

use super::{reader_options, shown};
use crate::cli::InspectArgs;

pub fn run(a: &InspectArgs) -> Result<(), Error> {
    let opts = reader_options(&a.reader)?;
    // Standard input is spooled to a temporary file, removed when `_spool` drops.
    let (_spool, path) = if a.catalogue.as_os_str() == "-" {
        let (guard, path) = spool_stdin(&std::env::temp_dir(), &temp_prefix())?;
        (Some(guard), path)
    } else {
        (None, a.catalogue.clone())
    };
    let mut reader = CatalogueReader::open(&path, &opts)?;
    let cols = reader.columns().clone();
    out!("catalogue:  {}", shown(&a.catalogue));
    out!("encoding:   {}", reader.encoding_label());
    if !reader.delimiter_label().is_empty() {
        out!("delimiter:  {}", reader.delimiter_label());
    }
    out!("columns:    {} in the header", cols.headers.len());
    for n in opts.notes.take() {
        out!("note:       {n}");
    }
    out!("");
    print_mapping(&cols);
    out!("");
    print_samples(&mut reader, &cols, a.samples)
}

/// Which header feeds each canonical field, and the headers left over.
fn print_mapping(cols: &ColumnMap) {
    out!("mapping (canonical field <- header):");
    for f in Field::ALL {
        if let Some(i) = cols.index[f.index()] {
            let hint = match (cols.unit_hints[f.index()], cols.dosage_form_by_values) {
                (Some(u), _) => format!("  [bare numbers in {u:?}]"),
                (None, Some((forms, n))) if f == Field::DosageForm => format!("  [by its values: {forms} of {n} sampled are dosage forms]"),
                _ => String::new(),
            };
            out!("  {:<18} <- \"{}\"{}", f.name(), cols.headers[i], hint);
        }
    }
    let missing: Vec<&str> = Field::ALL.iter().filter(|f| !cols.has(**f)).map(|f| f.name()).collect();
    out!("  not found: {}", if missing.is_empty() { "-".to_string() } else { missing.join(", ") });
    if !cols.unmapped.is_empty() {
        out!("unmapped headers: {}", quoted(&cols.unmapped));
    }
    if !cols.duplicates.is_empty() {
        out!("ignored (field already taken): {}", quoted(&cols.duplicates));
    }
}

fn quoted(headers: &[String]) -> String {
    headers.iter().map(|h| format!("\"{h}\"")).collect::<Vec<_>>().join(", ")
}

/// The extractions of the first `samples` readable records; invalid records on the way are shown
/// but not counted.
fn print_samples(reader: &mut CatalogueReader, cols: &ColumnMap, samples: usize) -> Result<(), Error> {
    let mut scratch = Scratch::new();
    let mut coverage = Coverage::new(cols);
    let mut shown_n = 0;
    while shown_n < samples {
        match reader.next_item()? {
            None => break,
            Some(Item::Invalid(inv)) => out!("row {} (line {}): invalid: {}", inv.row, inv.line, inv.reason),
            Some(Item::Record(rec)) if rec.continuation_of.is_some() => {
                out!("row {} (line {}): skipped: continuation row of {}", rec.row, rec.line, rec.continuation_of.as_deref().unwrap_or(""));
            }
            Some(Item::Record(rec)) => {
                shown_n += 1;
                let facts = extract(&rec, cols, &mut scratch);
                print_facts(&rec, &facts);
                if facts.in_scope() {
                    coverage.add(facts.sources, &[]);
                }
            }
        }
    }
    out!("");
    print_coverage(&coverage);
    Ok(())
}

/// The data coverage of the sample (SPEC §8): per fact, the column that carries it and how many
/// of the sampled products with vitamin D or K state it, from that column or from other text.
fn print_coverage(c: &Coverage) {
    out!("coverage (over the {} sampled product(s) with vitamin D or K):", c.products);
    for f in Fact::ALL {
        let n = c.count(f);
        out!(
            "  {:<18} {:<28} stated {}/{} (column {}, text {})",
            f.key(),
            c.column(f).map_or("none".to_string(), |h| format!("<- \"{h}\"")),
            n.stated,
            c.products,
            n.from_column,
            n.from_text
        );
    }
    let missing = c.not_carried();
    if !missing.is_empty() {
        out!("  not carried: {}", missing.iter().map(|f| f.key()).collect::<Vec<_>>().join(", "));
    }
}

fn print_facts(rec: &Record, f: &Facts) {
    out!("row {} (line {}): {} {}", rec.row, rec.line, rec.get(Field::Sku), rec.get(Field::Product));
    match &f.d {
        Some(d) => out!(
            "  vitamin D:   {} {}{}",
            d.form.as_str(),
            f.d3_iu_per_day().map_or("amount unknown".to_string(), |v| format!("{} IU/day", num(v))),
            from(d.amount_evidence.as_ref())
        ),
        None => out!("  vitamin D:   none"),
    }
    match &f.k {
        Some(k) => out!(
            "  vitamin K:   {} {}{}",
            k.forms.join(),
            f.k2_mcg_per_day().map_or("K2 amount unknown".to_string(), |v| format!("{} µg K2/day", num(v))),
            from(k.amount_evidence.as_ref())
        ),
        None => out!("  vitamin K:   none"),
    }
    out!("  servings:    {}/day{}", num(f.servings_per_day), from(f.servings_evidence.as_ref()));
    out!("  dosage form: {}{}", f.dosage_form.as_str(), from(f.dosage_evidence.as_ref()));
    out!("  carrier oil: {}{}", if f.oils.is_empty() { "none".into() } else { f.oils.join() }, from(f.oil_evidence.as_ref()));
    out!("  certs:       {}{}", if f.certs.is_empty() { "none".into() } else { f.certs.join() }, from(f.cert_evidence.as_ref()));
    let none = match f.carried.gap(Fact::WarfarinWarning) {
        None => "no",
        Some(Gap::NoColumn) => "unknown (the export has no warnings column)",
        Some(Gap::EmptyCell) => "unknown (the warnings cell is empty)",
    };
    out!("  warfarin:    {}", f.warfarin.as_ref().map_or(none.to_string(), |e| format!("yes   <- {e}")));
}

/// The evidence behind a fact, as a suffix: `   <- column: "matched text"`.
fn from(e: Option<&Evidence>) -> String {
    e.map_or(String::new(), |e| format!("   <- {e}"))
}
