//! Cost of extraction and of the rules on four realistic records (criterion; divide by 4 for a
//! record). The end-to-end throughput and memory figures come from scripts/bench.sh.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use k2d3_audit::{ColumnMap, Date, Field, Policy, Record, Scratch, extract};

fn records() -> (ColumnMap, Vec<Record>) {
    let headers =
        ["SKU", "Title", "Brand", "Description", "Ingredients", "Other Ingredients", "Form", "Certifications", "Warnings", "Directions"];
    let cols = ColumnMap::resolve(headers.iter().map(|s| s.to_string()).collect(), None).expect("headers map");
    let rows: [[&str; 10]; 4] = [
        [
            "SR-D3K2-60",
            "Sports Research Vitamin D3 + K2 5,000 IU / 100 mcg, 60 Softgels in Organic Coconut Oil",
            "Sports Research",
            "Vitamin D3 and K2 (as MK-7, MenaQ7®) work together to support bone and heart health. Non-GMO, gluten free.",
            "Vitamin D3 (as cholecalciferol) 125 mcg (5,000 IU), Vitamin K2 (as menaquinone-7) 100 mcg",
            "Organic coconut oil, gelatin, glycerin, sunflower lecithin",
            "Softgel",
            "NSF Certified for Sport; Non-GMO Project Verified",
            "Consult your healthcare practitioner if you take anticoagulant medication such as warfarin.",
            "Take 1 softgel daily with a meal.",
        ],
        [
            "TH-DK-1OZ",
            "Thorne Vitamin D + K2 Liquid, 1 fl oz",
            "Thorne",
            "Two drops provide 1,000 IU of vitamin D3 and 200 mcg of vitamin K2 (menatetrenone).",
            "",
            "MCT oil (from coconut), mixed tocopherols",
            "Liquid",
            "NSF Certified for Sport",
            "",
            "Take 2 drops one to three times daily.",
        ],
        [
            "NOW-0123",
            "NOW Foods Vitamin D-3 & K-2, 1,000 IU / 45 mcg, 120 Veg Capsules",
            "NOW Foods",
            "Vitamin D-3 & K-2 supports calcium metabolism. GMP quality assured.",
            "Vitamin D3 (as cholecalciferol) 25 mcg (1,000 IU), Vitamin K2 (as menaquinone-7) 45 mcg",
            "Rice flour, hypromellose (cellulose capsule)",
            "",
            "",
            "Consult physician if pregnant/nursing, taking medication, or have a medical condition.",
            "Take 1 capsule 1-2 times daily with food.",
        ],
        [
            "LE-02040",
            "Life Extension Vitamins D and K with Sea-Iodine, 60 capsules",
            "Life Extension",
            "Contains vitamin K1 (phylloquinone), K2 as MK-4 (menatetrenone) and MK-7. Take with food.",
            "Vitamin D3 (as cholecalciferol) 125 mcg (5,000 IU), Vitamin K1 (as phytonadione) 1,000 mcg, Vitamin K2 (as menatetrenone) 1,000 mcg, Vitamin K2 (as trans-menaquinone-7) 200 mcg, Iodine 1,000 mcg",
            "Rice flour, vegetable cellulose, silica",
            "Capsule",
            "",
            "Do not take if you are taking anticoagulant drugs such as warfarin (Coumadin).",
            "Take one capsule daily with food.",
        ],
    ];
    let recs = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            Record::new(
                i as u64 + 1,
                i as u64 + 2,
                headers.iter().zip(r.iter()).filter_map(|(h, v)| {
                    let f = cols.index.iter().position(|x| *x == headers.iter().position(|y| y == h)).map(|fi| Field::ALL[fi])?;
                    Some((f, *v))
                }),
            )
        })
        .collect();
    (cols, recs)
}

fn bench(c: &mut Criterion) {
    let (cols, recs) = records();
    let mut scratch = Scratch::new();
    c.bench_function("extract/4 records", |b| {
        b.iter(|| {
            for r in &recs {
                black_box(extract(black_box(r), &cols, &mut scratch));
            }
        })
    });
    let policy = Policy::builtin(Date::from_ymd(2026, 11, 25));
    let facts: Vec<_> = recs.iter().map(|r| extract(r, &cols, &mut scratch)).collect();
    let mut out = Vec::new();
    c.bench_function("rules/4 records", |b| {
        b.iter(|| {
            for f in &facts {
                out.clear();
                policy.check(black_box(f), &mut out);
                black_box(&out);
            }
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
