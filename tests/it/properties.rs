//! Property tests: arbitrary bytes and arbitrary CSV-shaped text never panic, and every record is
//! accounted for.

use std::io::Write;

use k2d3_audit::{CatalogueReader, ColumnMap, Field, Item, ReaderOptions, Record, Scratch, extract};
use proptest::prelude::*;

fn read_all(bytes: &[u8]) -> Option<Vec<Item>> {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(bytes).unwrap();
    let mut r = CatalogueReader::open(f.path(), &ReaderOptions::default()).ok()?;
    let mut items = Vec::new();
    while r.next_batch(&mut items, 64).unwrap() {}
    Some(items)
}

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ,;|\"\\n\\r\t]{0,20}",
        Just("Vitamin D3 125 µg (5,000 IU)".to_string()),
        Just("K2 MK-7 100 mcg".to_string()),
        "\\PC{0,30}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let mut data = b"SKU,Product Name,Vitamin D,Vitamin K2 (mcg)\n".to_vec();
        data.extend_from_slice(&bytes);
        if let Some(items) = read_all(&data) {
            for (i, it) in items.iter().enumerate() {
                prop_assert_eq!(it.row(), i as u64 + 1);
            }
            let cols = ColumnMap::resolve(vec!["SKU".into(), "Product Name".into(), "Vitamin D".into(), "Vitamin K2 (mcg)".into()], None).unwrap();
            let mut s = Scratch::new();
            for it in &items {
                if let Item::Record(r) = it {
                    let _ = extract(r, &cols, &mut s);
                }
            }
        }
    }

    #[test]
    fn csv_shaped_text_keeps_every_record(rows in proptest::collection::vec(proptest::collection::vec(cell(), 1..6), 0..30)) {
        let mut w = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
        w.write_record(["SKU", "Product Name", "Description", "Vitamin D"]).unwrap();
        let mut written = 0;
        for r in &rows {
            // A record made of one empty field is written as an empty line, which is no record.
            if r.len() == 1 && r[0].is_empty() {
                continue;
            }
            w.write_record(r).unwrap();
            written += 1;
        }
        let bytes = w.into_inner().unwrap();
        let items = read_all(&bytes).expect("a file with a header opens");
        prop_assert_eq!(items.len(), written);
        let mut k = 0;
        for r in &rows {
            if r.len() == 1 && r[0].is_empty() {
                continue;
            }
            let item = &items[k];
            prop_assert_eq!(item.row(), k as u64 + 1);
            // Extra fields that are all blank (a trailing delimiter) are tolerated.
            let sound = r.len() == 4 || (r.len() > 4 && r[4..].iter().all(|c| c.bytes().all(|b| b.is_ascii_whitespace())));
            prop_assert_eq!(matches!(item, Item::Record(_)), sound, "row {} with {} fields", k + 1, r.len());
            k += 1;
        }
    }

    #[test]
    fn extraction_of_arbitrary_text_never_panics(texts in proptest::collection::vec("\\PC{0,80}", 6)) {
        let cols = ColumnMap::resolve(["SKU", "Title", "Vitamin D", "K2 (mcg)", "Ingredients", "Directions"].iter().map(|s| s.to_string()).collect(), None).unwrap();
        let fields = [Field::Sku, Field::Product, Field::VitaminD, Field::VitaminK, Field::Ingredients, Field::Directions];
        let rec = Record::new(1, 2, fields.iter().copied().zip(texts.iter().map(String::as_str)));
        let f = extract(&rec, &cols, &mut Scratch::new());
        if let Some(v) = f.d3_iu_per_day() { prop_assert!(v.is_finite() && v >= 0.0); }
        if let Some(v) = f.k2_mcg_per_day() { prop_assert!(v.is_finite() && v >= 0.0); }
    }
}
