//! The generator of `examples/gen_catalogue.rs`, which describes the catalogue and the truth it
//! writes. It is its own file so that `benches/stages.rs` and `examples/allocs.rs` can include it
//! (`#[path]`) and measure on the same records without running the example.
//!
//! Only the standard library is used; the RNG is splitmix64-seeded xorshift64*.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::{self, Write};

// ---------------------------------------------------------------------------------------------
// RNG

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        // splitmix64 to spread the seed; never zero for xorshift.
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        Rng(if z == 0 { 0x2545_F491_4F6C_DD1D } else { z })
    }
    fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }
    /// Picks from `(weight, value)` pairs.
    fn weighted<T: Copy>(&mut self, xs: &[(u32, T)]) -> T {
        let total: u32 = xs.iter().map(|x| x.0).sum();
        let mut r = self.below(total as usize) as u32;
        for (w, v) in xs {
            if r < *w {
                return *v;
            }
            r -= w;
        }
        xs[xs.len() - 1].1
    }
}

// ---------------------------------------------------------------------------------------------
// The product model

#[derive(Clone, Copy, PartialEq)]
enum DForm {
    D3,
    D2,
    Unknown,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum KForm {
    K1,
    Mk4,
    Mk7,
    Mk9,
}

impl KForm {
    fn id(self) -> &'static str {
        match self {
            KForm::K1 => "K1",
            KForm::Mk4 => "MK-4",
            KForm::Mk7 => "MK-7",
            KForm::Mk9 => "MK-9",
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Dosage {
    Liquid,
    Softgel,
    Capsule,
    Tablet,
    Chewable,
    Gummy,
    Lozenge,
    Powder,
    Spray,
    Unknown,
}

impl Dosage {
    fn id(self) -> &'static str {
        match self {
            Dosage::Liquid => "liquid",
            Dosage::Softgel => "softgel",
            Dosage::Capsule => "capsule",
            Dosage::Tablet => "tablet",
            Dosage::Chewable => "chewable",
            Dosage::Gummy => "gummy",
            Dosage::Lozenge => "lozenge",
            Dosage::Powder => "powder",
            Dosage::Spray => "spray",
            Dosage::Unknown => "unknown",
        }
    }
    /// (singular, plural) unit words for directions.
    fn unit(self) -> (&'static str, &'static str) {
        match self {
            Dosage::Liquid => ("drop", "drops"),
            Dosage::Softgel => ("softgel", "softgels"),
            Dosage::Capsule => ("capsule", "capsules"),
            Dosage::Tablet => ("tablet", "tablets"),
            Dosage::Chewable => ("chewable tablet", "chewable tablets"),
            Dosage::Gummy => ("gummy", "gummies"),
            Dosage::Lozenge => ("lozenge", "lozenges"),
            Dosage::Powder => ("stick pack", "stick packs"),
            Dosage::Spray => ("spray", "sprays"),
            Dosage::Unknown => ("serving", "servings"),
        }
    }
    fn column(self, rng: &mut Rng) -> &'static str {
        match self {
            Dosage::Liquid => rng.pick(&["Liquid", "Liquid Drops", "Drops"]),
            Dosage::Softgel => rng.pick(&["Softgel", "Softgels", "Liquid Softgel"]),
            Dosage::Capsule => rng.pick(&["Capsule", "Veg Capsule", "Capsules"]),
            Dosage::Tablet => rng.pick(&["Tablet", "Tablets"]),
            Dosage::Chewable => rng.pick(&["Chewable", "Chewable Tablet"]),
            Dosage::Gummy => rng.pick(&["Gummy", "Gummies"]),
            Dosage::Lozenge => rng.pick(&["Lozenge", "Lozenges"]),
            Dosage::Powder => rng.pick(&["Powder", "Stick Pack Powder"]),
            Dosage::Spray => rng.pick(&["Spray", "Oral Spray"]),
            Dosage::Unknown => "",
        }
    }
    fn is_dry(self) -> bool {
        matches!(self, Dosage::Capsule | Dosage::Tablet | Dosage::Chewable | Dosage::Gummy | Dosage::Lozenge | Dosage::Powder)
    }
}

/// Carrier oils in truth order.
const OIL_IDS: [&str; 10] = ["MCT", "olive", "coconut", "sunflower", "safflower", "flaxseed", "hemp", "fish", "avocado", "other"];

/// (oil index, label wording)
const OIL_TEXT: &[(usize, &str)] = &[
    (0, "MCT oil (from coconut)"),
    (0, "medium chain triglycerides"),
    (0, "organic MCT oil"),
    (1, "organic extra virgin olive oil"),
    (1, "extra virgin olive oil"),
    (1, "olive oil"),
    (2, "organic coconut oil"),
    (2, "virgin coconut oil"),
    (3, "sunflower seed oil"),
    (3, "high oleic sunflower oil"),
    (4, "safflower oil"),
    (5, "organic flaxseed oil"),
    (6, "hemp seed oil"),
    (7, "fish oil"),
    (7, "cod liver oil"),
    (8, "avocado oil"),
    (9, "soybean oil"),
    (9, "rice bran oil"),
];

/// Certification ids and their wordings.
const CERT_TEXT: &[(&str, &[&str])] = &[
    ("nsf_sport", &["NSF Certified for Sport"]),
    ("nsf_contents", &["NSF Contents Certified", "NSF/ANSI 173 Certified"]),
    ("usp_verified", &["USP Verified"]),
    ("informed_sport", &["Informed Sport"]),
    ("informed_choice", &["Informed Choice"]),
    ("bscg", &["BSCG Certified Drug Free"]),
    ("gmp", &["GMP", "cGMP", "GMP Certified", "Made in an NSF GMP registered facility", "GMP Quality Assured"]),
    ("third_party_tested", &["Third-party tested", "Third Party Tested", "3rd party tested"]),
    ("non_gmo", &["Non-GMO", "Non-GMO Project Verified"]),
    ("gluten_free", &["Gluten Free", "Gluten-Free"]),
    ("soy_free", &["Soy Free", "Soy-Free"]),
    ("dairy_free", &["Dairy Free", "Dairy-Free"]),
    ("vegan", &["Vegan", "Certified Vegan"]),
    ("hypoallergenic", &["Hypoallergenic"]),
    ("kosher", &["Kosher", "Kosher Certified"]),
    ("halal", &["Halal", "Halal Certified"]),
];

const THIRD_PARTY: [&str; 6] = ["nsf_sport", "nsf_contents", "usp_verified", "informed_sport", "informed_choice", "bscg"];

const WARN_K: &[&str] = &[
    "Consult a health care professional prior to use if you are taking blood thinners.",
    "If you are taking anticoagulant medication such as warfarin (Coumadin), consult your doctor before use.",
    "Do not take if you are on vitamin K antagonist therapy.",
    "Consult your physician before use if you take blood-thinning medication.",
    "Not for use by individuals taking warfarin or other anticoagulants.",
];
/// Blood-thinner sentences that do not name vitamin K (safe on products without K).
const WARN_NO_K: &[&str] = &[
    "Consult a health care professional prior to use if you are taking blood thinners.",
    "If you are taking anticoagulant medication such as warfarin (Coumadin), consult your doctor before use.",
];
const WARN_PLAIN: &[&str] = &[
    "Keep out of reach of children.",
    "Consult your physician before use if you are pregnant or nursing.",
    "Do not exceed the recommended dose.",
    "Store in a cool, dry place. Do not use if seal is broken.",
    "Consult your physician before use if you have a medical condition.",
];

const BENEFITS: &[&str] = &[
    "Supports healthy bones and teeth.*",
    "Supports immune function.*",
    "Supports cardiovascular health.*",
    "Formulated for daily wellness.",
    "Trusted by families for over 20 years.",
    "Made in the USA with globally sourced ingredients.",
    "Easy to take, every day.",
    "Our best-selling formula.",
    "Helps maintain normal bone density.*",
    "*These statements have not been evaluated by the Food and Drug Administration.",
];

const STORY: &[&str] = &[
    "Vitamins D and K work together: one helps the body absorb calcium, the other helps direct it to bones and teeth instead of soft tissue.",
    "Every batch is produced in small runs and packed in amber bottles to protect freshness.",
    "Formulated by our team of nutritionists for adults who want simple, daily support for bone strength and healthy aging.",
    "A convenient daily supplement for people who spend little time in the sun, especially during the winter months.",
    "Our formulas contain no artificial colors, flavors or preservatives and are packed in recyclable bottles.",
    "Ideal for the whole family's routine; pair it with a balanced diet and regular exercise.",
];

const TAGLINES: &[&str] = &[
    "",
    "",
    " - Bone & Heart Support",
    " - High Potency",
    " - Immune Support",
    " - Extra Strength",
    " - Premium Formula",
    " - Bone Health",
];

const BRANDS: &[(&str, &str)] = &[
    ("Thorne", "TH"),
    ("Pure Encapsulations", "PE"),
    ("Life Extension", "LE"),
    ("NOW Foods", "NOW"),
    ("Sports Research", "SR"),
    ("Carlson", "CL"),
    ("Nature's Way", "NW"),
    ("Garden of Life", "GOL"),
    ("Doctor's Best", "DB"),
    ("Jarrow Formulas", "JF"),
    ("Solgar", "SG"),
    ("Nordic Naturals", "NN"),
    ("Healthy Origins", "HO"),
    ("Klean Athlete", "KA"),
    ("Designs for Health", "DFH"),
    ("Micro Ingredients", "MI"),
    ("NatureWise", "NWS"),
    ("Bluebonnet", "BB"),
    ("Swanson", "SW"),
    ("MaryRuth's", "MR"),
    ("BioClinic Naturals", "BCN"),
    ("Xymogen", "XY"),
    ("Kirkland Signature", "KS"),
    ("Nature Made", "NM"),
    ("Qunol", "QN"),
    ("Zhou Nutrition", "ZH"),
    ("Horbaach", "HB"),
    ("Nutricost", "NC"),
    ("Double Wood", "DW"),
    ("Sunergetic", "SNG"),
];

#[derive(Clone, Copy, PartialEq)]
enum OutOfScope {
    FishOil,
    Magnesium,
    Zinc,
}

/// One vitamin K ingredient line; `form: None` is "vitamin K2" with no form stated.
#[derive(Clone, Copy)]
struct KPart {
    form: Option<KForm>,
    mcg: f64,
}

struct Product {
    brand: usize,
    oos: Option<OutOfScope>,
    d: Option<(DForm, f64)>,
    k: Vec<KPart>,
    /// One amount for a K1 + MK-7 mix (the K2 share is unknown).
    k_combined: Option<f64>,
    dosage: Dosage,
    /// Units in a serving (2 drops, 2 gummies...).
    su: u32,
    spd: u32,
    oils: Vec<usize>,
    oil_text: Vec<&'static str>,
    certs: BTreeSet<&'static str>,
    warnings: Vec<&'static str>,
    warfarin: bool,
    /// A sentence that looks like a fact the product does not have (a qualified certification,
    /// K2 named in passing); see [`NOISE`].
    noise: Option<&'static str>,
    price: u32,
}

/// Sentences that name a certification or vitamin K without the product having it, and the one
/// certification such a sentence does give (a facility's NSF certificate is GMP).
const NOISE_CERT: &[(&str, Option<&str>)] = &[
    ("Formulated to NSF/ANSI 173 ingredient standards (not certified).", None),
    ("Not certified by NSF.", None),
    ("Meets USP standards for dissolution.", None),
    ("Made in an NSF-certified facility.", Some("gmp")),
];
/// For products with vitamin D and no vitamin K.
const NOISE_K: &[&str] = &["Pair it with our K2 drops for complete support.", "Works well with vitamin K2.", "Ask about our K2 formula."];

fn gen_product(rng: &mut Rng) -> Product {
    let brand = rng.below(BRANDS.len());
    let scope = rng.weighted(&[(3, 0u8), (77, 1), (12, 2), (8, 3)]);
    let oos = match scope {
        0 => Some(rng.weighted(&[(2, OutOfScope::FishOil), (2, OutOfScope::Magnesium), (1, OutOfScope::Zinc)])),
        _ => None,
    };
    let has_d = scope == 1 || scope == 2;
    let has_k = scope == 1 || scope == 3;
    let dosage = match oos {
        Some(OutOfScope::FishOil) => Dosage::Softgel,
        Some(OutOfScope::Magnesium) => rng.weighted(&[(3, Dosage::Capsule), (2, Dosage::Tablet), (1, Dosage::Powder)]),
        Some(OutOfScope::Zinc) => Dosage::Tablet,
        None => rng.weighted(&[
            (35, Dosage::Softgel),
            (18, Dosage::Liquid),
            (18, Dosage::Capsule),
            (8, Dosage::Tablet),
            (3, Dosage::Chewable),
            (8, Dosage::Gummy),
            (2, Dosage::Lozenge),
            (2, Dosage::Powder),
            (5, Dosage::Spray),
            (2, Dosage::Unknown),
        ]),
    };
    let su = match dosage {
        Dosage::Liquid | Dosage::Gummy | Dosage::Spray if oos.is_none() && rng.chance(0.4) => 2,
        _ => 1,
    };
    let spd = if oos.is_some() || dosage == Dosage::Unknown || dosage == Dosage::Powder {
        1
    } else if su == 2 {
        rng.weighted(&[(80, 1), (20, 2)])
    } else {
        rng.weighted(&[(75, 1), (20, 2), (5, 3)])
    };

    let d = if has_d {
        let form = rng.weighted(&[(90, DForm::D3), (4, DForm::D2), (6, DForm::Unknown)]);
        let iu = match form {
            DForm::D3 => rng.weighted(&[
                (3, 400.0),
                (2, 600.0),
                (25, 1000.0),
                (20, 2000.0),
                (5, 2500.0),
                (5, 4000.0),
                (30, 5000.0),
                (8, 10000.0),
                (2, 50000.0),
            ]),
            DForm::D2 => rng.weighted(&[(3, 1000.0), (2, 2000.0), (1, 50000.0)]),
            DForm::Unknown => rng.weighted(&[(1, 400.0), (3, 1000.0), (3, 5000.0)]),
        };
        Some((form, iu))
    } else {
        None
    };

    let mut k = Vec::new();
    let mut k_combined = None;
    if has_k {
        let mk7 = |rng: &mut Rng| {
            rng.weighted(&[(4, 20.0), (10, 45.0), (10, 50.0), (12, 90.0), (35, 100.0), (5, 120.0), (8, 180.0), (10, 200.0), (3, 300.0)])
        };
        match rng.weighted(&[(70, 0u8), (9, 1), (4, 2), (6, 3), (4, 4), (4, 5), (1, 6), (2, 7)]) {
            0 => k.push(KPart { form: Some(KForm::Mk7), mcg: mk7(rng) }),
            1 => {
                let mcg =
                    rng.weighted(&[(3, 100.0), (3, 200.0), (2, 500.0), (2, 1000.0), (1, 1500.0), (1, 2200.0), (1, 5000.0), (1, 15000.0)]);
                k.push(KPart { form: Some(KForm::Mk4), mcg })
            }
            2 => k.push(KPart { form: Some(KForm::K1), mcg: rng.weighted(&[(1, 90.0), (2, 100.0), (1, 120.0), (1, 500.0)]) }),
            3 => k.push(KPart { form: None, mcg: rng.weighted(&[(1, 50.0), (2, 100.0)]) }),
            4 => {
                k.push(KPart { form: Some(KForm::K1), mcg: rng.weighted(&[(1, 100.0), (1, 1000.0)]) });
                k.push(KPart { form: Some(KForm::Mk7), mcg: mk7(rng) });
            }
            5 => {
                k.push(KPart { form: Some(KForm::Mk4), mcg: rng.weighted(&[(1, 500.0), (1, 1000.0)]) });
                k.push(KPart { form: Some(KForm::Mk7), mcg: mk7(rng) });
            }
            6 => {
                k.push(KPart { form: Some(KForm::K1), mcg: 0.0 });
                k.push(KPart { form: Some(KForm::Mk7), mcg: 0.0 });
                k_combined = Some(rng.weighted(&[(1, 150.0), (1, 200.0)]));
            }
            _ => {
                k.push(KPart { form: Some(KForm::Mk7), mcg: mk7(rng) });
                k.push(KPart { form: Some(KForm::Mk9), mcg: rng.weighted(&[(1, 10.0), (1, 50.0)]) });
            }
        }
    }

    // Oils.
    let mut oils = Vec::new();
    let mut oil_text = Vec::new();
    let add_oil = |rng: &mut Rng, oils: &mut Vec<usize>, text: &mut Vec<&'static str>, only: Option<usize>| {
        let (i, t) = loop {
            let c = rng.pick(OIL_TEXT);
            if only.is_none_or(|o| o == c.0) && !oils.contains(&c.0) && c.0 != 7 {
                break c;
            }
        };
        oils.push(i);
        text.push(t);
    };
    match (oos, dosage) {
        (Some(OutOfScope::FishOil), _) => {
            oils.push(7);
            oil_text.push(rng.pick(&["fish oil concentrate (anchovy, sardine)", "purified fish oil"]));
        }
        (Some(_), _) => {}
        (None, Dosage::Softgel | Dosage::Liquid) if rng.chance(0.92) => {
            if dosage == Dosage::Softgel && rng.chance(0.04) {
                oils.push(7);
                oil_text.push("cod liver oil");
            } else {
                add_oil(rng, &mut oils, &mut oil_text, None);
                if rng.chance(0.08) {
                    add_oil(rng, &mut oils, &mut oil_text, None);
                }
            }
        }
        (None, Dosage::Spray) if rng.chance(0.3) => add_oil(rng, &mut oils, &mut oil_text, Some(0)),
        (None, Dosage::Gummy) if rng.chance(0.15) => {
            oils.push(2);
            oil_text.push("coconut oil");
        }
        (None, Dosage::Capsule) if rng.chance(0.06) => {
            oils.push(2);
            oil_text.push("coconut oil");
        }
        (None, Dosage::Unknown) if rng.chance(0.5) => add_oil(rng, &mut oils, &mut oil_text, None),
        _ => {}
    }
    oils.sort_unstable();

    // Certifications.
    let mut certs = BTreeSet::new();
    if rng.chance(0.3) {
        certs.insert(rng.pick(&THIRD_PARTY));
    }
    if rng.chance(0.3) {
        certs.insert("gmp");
    }
    if rng.chance(0.2) {
        certs.insert("third_party_tested");
    }
    for (id, p) in [
        ("non_gmo", 0.35),
        ("gluten_free", 0.35),
        ("soy_free", 0.12),
        ("dairy_free", 0.08),
        ("vegan", 0.06),
        ("hypoallergenic", 0.04),
        ("kosher", 0.08),
        ("halal", 0.02),
    ] {
        if rng.chance(p) {
            certs.insert(id);
        }
    }

    // Warnings.
    let mut warnings = Vec::new();
    let n_plain = rng.weighted(&[(2, 0usize), (5, 1), (3, 2)]);
    for _ in 0..n_plain {
        let w = rng.pick(WARN_PLAIN);
        if !warnings.contains(&w) {
            warnings.push(w);
        }
    }
    let warfarin = if has_k {
        rng.chance(0.7)
    } else if oos == Some(OutOfScope::FishOil) {
        rng.chance(0.3)
    } else {
        rng.chance(0.08)
    };
    if warfarin {
        let w = if has_k { rng.pick(WARN_K) } else { rng.pick(WARN_NO_K) };
        let at = rng.below(warnings.len() + 1);
        warnings.insert(at, w);
    }
    let noise = if has_d && !has_k && oos.is_none() && rng.chance(0.1) {
        // "K2 drops" would name the only dosage form of a product that states none.
        Some(if dosage == Dosage::Unknown { NOISE_K[1] } else { rng.pick(NOISE_K) })
    } else if oos.is_none() && rng.chance(0.03) {
        let (text, gives) = rng.pick(NOISE_CERT);
        if let Some(c) = gives {
            certs.insert(c);
        }
        Some(text)
    } else {
        None
    };
    let price = 599 + rng.below(4000) as u32;
    Product { brand, oos, d, k, k_combined, dosage, su, spd, oils, oil_text, certs, warnings, warfarin, noise, price }
}

// ---------------------------------------------------------------------------------------------
// Number formatting

/// An integer when whole, otherwise up to `max_dec` decimals without trailing zeros.
fn fmt_num(x: f64, max_dec: usize) -> String {
    let s = format!("{x:.max_dec$}");
    if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s }
}

fn commas(x: f64) -> String {
    if x.fract() != 0.0 || x < 1000.0 {
        return fmt_num(x, 4);
    }
    let digits = (x as u64).to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "5,000" or "5000".
fn iu_num(rng: &mut Rng, iu: f64) -> String {
    if rng.chance(0.5) { commas(iu) } else { fmt_num(iu, 2) }
}

fn mcg_unit(rng: &mut Rng) -> &'static str {
    rng.weighted(&[(6, "mcg"), (2, "µg"), (2, "μg")])
}

/// A vitamin D amount per serving in one of many label spellings.
fn d_amount(rng: &mut Rng, iu: f64) -> String {
    let mcg = iu / 40.0;
    match rng.weighted(&[(30, 0u8), (25, 1), (10, 2), (10, 3), (5, 4), (5, 5), (3, 6)]) {
        0 => format!("{} mcg ({} IU)", fmt_num(mcg, 2), iu_num(rng, iu)),
        1 => format!("{} IU", iu_num(rng, iu)),
        2 => format!("{} {}", fmt_num(mcg, 2), mcg_unit(rng)),
        3 => format!("{} {} ({} IU)", fmt_num(mcg, 2), mcg_unit(rng), commas(iu)),
        4 => format!("{} mg", fmt_num(mcg / 1000.0, 5)),
        5 => format!("{} I.U.", commas(iu)),
        _ => format!("{} IE", dots(iu)),
    }
}

/// "2.200": a German thousands separator.
fn dots(x: f64) -> String {
    commas(x).replace(',', ".")
}

/// A vitamin K amount per serving.
fn k_amount(rng: &mut Rng, mcg: f64) -> String {
    if mcg >= 1000.0 && mcg.fract() == 0.0 && rng.chance(0.3) {
        return format!("{} µg", dots(mcg));
    }
    if mcg >= 1000.0 && mcg % 1000.0 == 0.0 && (mcg >= 5000.0 || rng.chance(0.5)) {
        format!("{} mg", fmt_num(mcg / 1000.0, 2))
    } else {
        format!("{} {}", commas(mcg), mcg_unit(rng))
    }
}

fn d_name(rng: &mut Rng, f: DForm) -> &'static str {
    match f {
        DForm::D3 => rng.pick(&[
            "Vitamin D3 (as cholecalciferol)",
            "Vitamin D3 (cholecalciferol)",
            "Vitamin D3",
            "Vitamin D-3",
            "Cholecalciferol (vitamin D3)",
        ]),
        DForm::D2 => rng.pick(&["Vitamin D2 (as ergocalciferol)", "Vitamin D2 (ergocalciferol)"]),
        DForm::Unknown => "Vitamin D",
    }
}

fn d_title(rng: &mut Rng, f: DForm) -> &'static str {
    match f {
        DForm::D3 => rng.pick(&["Vitamin D3", "D3", "Vitamin D-3"]),
        DForm::D2 => "Vitamin D2",
        DForm::Unknown => "Vitamin D",
    }
}

fn k_name(rng: &mut Rng, f: Option<KForm>) -> &'static str {
    match f {
        Some(KForm::Mk7) => rng.pick(&[
            "Vitamin K2 (as MK-7)",
            "Vitamin K2 (as menaquinone-7)",
            "Vitamin K2 (as MK-7, MenaQ7®)",
            "Vitamin K2 (menaquinone-7, MK-7)",
            "Vitamin K2 MK-7",
        ]),
        Some(KForm::Mk4) => {
            rng.pick(&["Vitamin K2 (as MK-4, menatetrenone)", "Vitamin K2 (as menaquinone-4)", "Vitamin K2 (as menatetrenone)"])
        }
        Some(KForm::K1) => rng.pick(&["Vitamin K1 (as phytonadione)", "Vitamin K1 (as phylloquinone)"]),
        Some(KForm::Mk9) => "Vitamin K2 (as MK-9)",
        None => "Vitamin K2",
    }
}

fn k_title(rng: &mut Rng, k: &[KPart], combined: bool) -> &'static str {
    if combined {
        return "K1 + K2";
    }
    let forms: Vec<Option<KForm>> = k.iter().map(|p| p.form).collect();
    match forms.as_slice() {
        [Some(KForm::Mk7)] => rng.pick(&["K2 (MK-7)", "K2 MK-7", "K2 as MK-7"]),
        [Some(KForm::Mk4)] => rng.pick(&["K2 (MK-4)", "K2 MK-4"]),
        [Some(KForm::K1)] => "K1",
        [None] => "K2",
        [Some(KForm::K1), Some(KForm::Mk7)] => "K1 + K2 (MK-7)",
        [Some(KForm::Mk4), Some(KForm::Mk7)] => "K2 (MK-4 + MK-7)",
        _ => "K2 (MK-7 + MK-9)",
    }
}

// ---------------------------------------------------------------------------------------------
// Rendering

const DIRTY_NONE: u8 = 0;
const DIRTY_SHORT: u8 = 1;
const DIRTY_LONG: u8 = 2;
const DIRTY_SEE_LABEL: u8 = 3;
const DIRTY_UNITLESS: u8 = 4;

struct Ctx {
    rng: Rng,
    cells: Vec<String>,
    line: String,
}

fn push_cell(line: &mut String, cell: &str, first: bool) {
    if !first {
        line.push(',');
    }
    if cell.contains([',', '"', '\n', '\r']) {
        line.push('"');
        for c in cell.chars() {
            if c == '"' {
                line.push('"');
            }
            line.push(c);
        }
        line.push('"');
    } else {
        line.push_str(cell);
    }
}

fn size_words(rng: &mut Rng, dosage: Dosage) -> String {
    let n = rng.pick(&[30, 60, 90, 120, 180, 240]);
    match dosage {
        Dosage::Softgel => format!("{n} {}", rng.pick(&["Softgels", "Liquid Softgels", "Veggie Softgels", "Soft Gels"])),
        Dosage::Liquid => rng.pick(&["Liquid Drops, 1 fl oz", "Liquid, 2 fl oz", "Drops, 30 ml", "Liquid Drops"]).to_string(),
        Dosage::Capsule => format!("{n} {}", rng.pick(&["Veg Capsules", "Capsules", "Veggie Caps", "Vegetable Capsules"])),
        Dosage::Tablet => format!("{n} Tablets"),
        Dosage::Chewable => format!("{n} {}", rng.pick(&["Chewable Tablets", "Chewables"])),
        Dosage::Gummy => format!("{n} Gummies"),
        Dosage::Lozenge => format!("{n} {}", rng.pick(&["Lozenges", "Chewable Lozenges"])),
        Dosage::Powder => rng.pick(&["Drink Mix Powder, 30 Stick Packs", "Powder, 30 Stick Packs"]).to_string(),
        Dosage::Spray => rng.pick(&["Oral Spray", "Oral Spray, 120 Sprays"]).to_string(),
        Dosage::Unknown => format!("{n} {}", rng.pick(&["ct", "count"])),
    }
}

fn other_ingredients(rng: &mut Rng, p: &Product) -> String {
    let mut parts: Vec<String> = p.oil_text.iter().map(|s| s.to_string()).collect();
    if let Some(first) = parts.first_mut()
        && let Some(c) = first.get(..1)
    {
        *first = format!("{}{}", c.to_uppercase(), &first[1..]);
    }
    let base: &[&str] = match (p.oos, p.dosage) {
        (Some(OutOfScope::FishOil), _) => &["gelatin, glycerin, purified water, natural lemon flavor"],
        (_, Dosage::Softgel) => &[
            "gelatin, glycerin, purified water",
            "softgel shell (bovine gelatin, glycerin, water)",
            "gelatin, glycerin, water, sunflower lecithin",
            "gelatin, glycerin, purified water, beeswax",
        ],
        (_, Dosage::Liquid) => {
            if p.oils.is_empty() {
                &["purified water, vegetable glycerin, natural flavor, citric acid"]
            } else {
                &["", "natural lemon flavor", "mixed tocopherols"]
            }
        }
        (_, Dosage::Capsule) => &[
            "hypromellose (vegetable capsule), rice flour",
            "microcrystalline cellulose, vegetable capsule, magnesium stearate",
            "rice flour, sunflower lecithin, hypromellose capsule",
            "microcrystalline cellulose, vitamin E (as d-alpha-tocopherol from sunflower oil), hypromellose capsule",
            "rice flour, hypromellose capsule, soybean oil (used as a processing aid)",
        ],
        (_, Dosage::Tablet) => &["microcrystalline cellulose, dicalcium phosphate, croscarmellose sodium, stearic acid"],
        (_, Dosage::Chewable) => &["xylitol, sorbitol, natural cherry flavor, stearic acid"],
        (_, Dosage::Gummy) => &["glucose syrup, sugar, pectin, citric acid, natural flavors"],
        (_, Dosage::Lozenge) => &[
            "xylitol, mannitol, natural cherry flavor, magnesium stearate",
            "sorbitol, natural cinnamon flavor (coumarin-free), stearic acid",
        ],
        (_, Dosage::Powder) => &["maltodextrin, citric acid, natural lemon flavor, stevia leaf extract"],
        (_, Dosage::Spray) => &["purified water, glycerin, xylitol, natural peppermint flavor, potassium sorbate"],
        (_, Dosage::Unknown) => &["", "rice flour, cellulose"],
    };
    let b = rng.pick(base);
    if !b.is_empty() {
        parts.push(b.to_string());
    }
    let mut s = parts.join(", ");
    if let Some(c) = s.get(..1) {
        s = format!("{}{}", c.to_uppercase(), &s[1..]);
    }
    s
}

fn cert_phrases(rng: &mut Rng, p: &Product) -> Vec<&'static str> {
    let mut v = Vec::new();
    for id in &p.certs {
        let (_, words) = CERT_TEXT.iter().find(|(i, _)| i == id).expect("known id");
        v.push(rng.pick(words));
    }
    // Shuffle a little so the order is not always alphabetical.
    if v.len() > 1 && rng.chance(0.5) {
        let i = rng.below(v.len());
        v.swap(0, i);
    }
    v
}

/// Directions and whether the ingredients must state the amount per unit (the directions count
/// units, not servings).
fn directions(rng: &mut Rng, p: &Product) -> (String, bool) {
    let (one, many) = p.dosage.unit();
    let verb = if matches!(p.dosage, Dosage::Gummy | Dosage::Chewable | Dosage::Lozenge) {
        "Chew"
    } else if p.dosage == Dosage::Powder {
        "Mix"
    } else {
        "Take"
    };
    let tail = rng.pick(&["", " with a meal", " with food", ", or as directed by your healthcare practitioner"]);
    let extra = if p.dosage == Dosage::Powder { " into water" } else { "" };
    if p.dosage == Dosage::Unknown {
        return (format!("Take 1 daily{tail}."), false);
    }
    if p.su == 2 {
        return match p.spd {
            1 if p.dosage == Dosage::Gummy && rng.chance(0.3) => {
                (format!("{verb} 2 {many} daily{tail}. Chew each gummy thoroughly."), true)
            }
            1 => (format!("{verb} 2 {many}{extra} daily{tail}."), true),
            _ => (format!("{verb} 2 {many}{extra} twice daily{tail}."), true),
        };
    }
    match p.spd {
        1 => match rng.below(4) {
            0 => (String::new(), false),
            1 => (format!("{verb} one {one}{extra} daily{tail}."), false),
            _ => (format!("{verb} 1 {one}{extra} daily{tail}."), false),
        },
        2 if matches!(p.dosage, Dosage::Gummy | Dosage::Chewable | Dosage::Lozenge) && rng.chance(0.3) => {
            let v = verb.to_lowercase();
            (format!("Children 2-3 years: {v} 1 {one} daily. Adults and children 4 years and older: {v} 2 {many} daily{tail}."), true)
        }
        2 => match rng.below(5) {
            0 => (format!("{verb} 2 {many}{extra} daily{tail}."), true),
            1 => (format!("{verb} 1 {one}{extra} twice daily{tail}."), false),
            2 => (format!("{verb} 1 {one}{extra} 1–2 times daily{tail}."), false),
            3 => (format!("1 {one}{extra} 1-2 times daily{tail}."), false),
            _ => (format!("{verb} 1 {one}{extra} two times daily{tail}."), false),
        },
        _ => match rng.below(3) {
            0 => (format!("{verb} 1 {one}{extra} three times daily{tail}."), false),
            1 => (format!("{verb} 1 {one}{extra} 1–3 times daily{tail}."), false),
            _ => (format!("{verb} 3 {many}{extra} daily{tail}."), true),
        },
    }
}

/// The ingredient lines of the vitamins, e.g. "Vitamin D3 (as cholecalciferol) 125 mcg (5,000 IU);
/// Vitamin K2 (as MK-7) 100 mcg".
fn vitamin_lines(rng: &mut Rng, p: &Product, dirty: u8) -> Vec<String> {
    let mut v = Vec::new();
    if let Some((f, iu)) = p.d {
        let amt = match dirty {
            DIRTY_SEE_LABEL => "see label".to_string(),
            DIRTY_UNITLESS => fmt_num(iu, 2),
            _ => d_amount(rng, iu),
        };
        v.push(format!("{} {amt}", d_name(rng, f)));
    }
    if let Some(total) = p.k_combined {
        let amt = match dirty {
            DIRTY_SEE_LABEL => "see label".to_string(),
            DIRTY_UNITLESS => fmt_num(total, 2),
            _ => k_amount(rng, total),
        };
        v.push(format!("Vitamin K (as phylloquinone and menaquinone-7) {amt}"));
    } else {
        for part in &p.k {
            let amt = match dirty {
                DIRTY_SEE_LABEL => "see label".to_string(),
                DIRTY_UNITLESS => fmt_num(part.mcg, 2),
                _ => k_amount(rng, part.mcg),
            };
            v.push(format!("{} {amt}", k_name(rng, part.form)));
        }
    }
    v
}

fn out_of_scope_lines(rng: &mut Rng, kind: OutOfScope, dosage: Dosage) -> (String, String) {
    match kind {
        OutOfScope::FishOil => {
            let mg = rng.pick(&[1000, 1200, 1290]);
            (
                format!("Omega-3 Fish Oil {} mg", commas(mg as f64)),
                format!("Fish oil concentrate {} mg; Total omega-3 fatty acids 720 mg (EPA 430 mg, DHA 290 mg)", commas(mg as f64)),
            )
        }
        OutOfScope::Magnesium => {
            let what = if dosage == Dosage::Powder { "Magnesium Citrate" } else { "Magnesium Glycinate" };
            (format!("{what} 200 mg"), format!("Magnesium (as {}) 200 mg", what.to_lowercase()))
        }
        OutOfScope::Zinc => ("Zinc Picolinate 50 mg".to_string(), "Zinc (as zinc picolinate) 50 mg".to_string()),
    }
}

/// Renders a messy row into `ctx.cells` (11 cells).
fn render_messy(ctx: &mut Ctx, row: u64, p: &Product, dirty: u8) {
    let rng = &mut ctx.rng;
    let cells = &mut ctx.cells;
    for c in cells.iter_mut() {
        c.clear();
    }
    let (brand, prefix) = BRANDS[p.brand];
    let _ = write!(cells[0], "{prefix}-{row:07}");
    cells[2].push_str(brand);
    let (dirs, per_unit) = directions(rng, p);
    let (one, _) = p.dosage.unit();
    let size = size_words(rng, p.dosage);

    let mut desc: Vec<String> = Vec::new();
    if p.oos.is_none() && rng.chance(0.7) {
        // The first story names vitamins D and K: only for products that have both.
        let from = if p.d.is_some() && !p.k.is_empty() { 0 } else { 1 };
        desc.push(rng.pick(&STORY[from..]).to_string());
        if rng.chance(0.35) {
            let s = rng.pick(&STORY[1..]).to_string();
            if !desc.contains(&s) {
                desc.push(s);
            }
        }
    }
    let n_benefits = 1 + rng.below(4);
    for _ in 0..n_benefits {
        let b = rng.pick(BENEFITS).to_string();
        if !desc.contains(&b) {
            desc.push(b);
        }
    }

    if let Some(kind) = p.oos {
        let (name, ingr) = out_of_scope_lines(rng, kind, p.dosage);
        let _ = write!(cells[1], "{brand} {name}, {size}");
        cells[4].push_str(&ingr);
    } else {
        // Where the vitamin facts live: 0 = ingredients, 1 = title, 2 = description.
        let mixed = p.k.len() > 1 || p.k_combined.is_some();
        let loc = if mixed || per_unit || p.su == 2 || dirty >= DIRTY_SEE_LABEL { 0 } else { rng.weighted(&[(50, 0u8), (25, 1), (25, 2)]) };
        let kt = k_title(rng, &p.k, p.k_combined.is_some());
        let dt = p.d.map(|(f, _)| d_title(rng, f));
        let amounts_in_title = loc == 1 || (loc == 0 && p.su == 1 && dirty < DIRTY_SEE_LABEL && !mixed && rng.chance(0.4));
        // Title.
        let mut title = String::new();
        let _ = write!(title, "{brand} ");
        if amounts_in_title {
            let d_txt = p
                .d
                .map(|(_, iu)| if rng.chance(0.7) { format!("{} IU", iu_num(rng, iu)) } else { format!("{} mcg", fmt_num(iu / 40.0, 2)) });
            let k_txt = p.k.first().map(|k| k_amount(rng, k.mcg));
            match (dt, &d_txt, k_txt) {
                (Some(dt), Some(d), Some(k)) => {
                    let _ = write!(title, "{dt} {d} + {kt} {k}");
                }
                (Some(dt), Some(d), None) => {
                    if rng.chance(0.5) {
                        let _ = write!(title, "{dt} {d}");
                    } else {
                        let _ = write!(title, "{d} {dt}");
                    }
                }
                (None, _, Some(k)) => {
                    let _ = write!(title, "Vitamin {kt} {k}");
                }
                _ => {}
            }
        } else {
            match (dt, p.k.is_empty()) {
                (Some(dt), false) => {
                    let _ = write!(title, "{dt} + {kt}");
                }
                (Some(dt), true) => title.push_str(dt),
                (None, _) => {
                    let _ = write!(title, "Vitamin {kt}");
                }
            }
        }
        let _ = write!(title, ", {size}{}", rng.pick(TAGLINES));
        cells[1] = title;
        // Ingredients / description.
        match loc {
            0 => {
                let lines = vitamin_lines(rng, p, dirty);
                let lead = if p.su == 2 {
                    format!("Serving size: 2 {}. Amount per serving: ", p.dosage.unit().1)
                } else if per_unit || rng.chance(0.3) {
                    if p.dosage == Dosage::Unknown { "Per serving: ".to_string() } else { format!("Each {one} contains: ") }
                } else {
                    String::new()
                };
                let sep = rng.pick(&["; ", ", "]);
                let _ = write!(cells[4], "{lead}{}", lines.join(sep));
            }
            1 => {}
            _ => {
                let unit = if p.dosage == Dosage::Unknown { "serving" } else { one };
                let mut s = format!("Each {unit} provides ");
                if let Some((f, iu)) = p.d {
                    let name = match f {
                        DForm::D3 => rng.pick(&["vitamin D3 (as cholecalciferol)", "vitamin D3"]),
                        DForm::D2 => "vitamin D2 (as ergocalciferol)",
                        DForm::Unknown => "vitamin D",
                    };
                    let _ = write!(s, "{} of {name}", d_amount(rng, iu));
                }
                if let Some(k) = p.k.first() {
                    if p.d.is_some() {
                        s.push_str(" and ");
                    }
                    let name = match k.form {
                        Some(KForm::Mk7) => rng.pick(&["vitamin K2 as MK-7 (menaquinone-7)", "vitamin K2 (MK-7)"]),
                        Some(KForm::Mk4) => "vitamin K2 as MK-4 (menatetrenone)",
                        Some(KForm::K1) => "vitamin K1 (phytonadione)",
                        Some(KForm::Mk9) => "vitamin K2 as MK-9",
                        None => "vitamin K2",
                    };
                    let _ = write!(s, "{} of {name}", k_amount(rng, k.mcg));
                }
                s.push('.');
                desc.insert(0, s);
            }
        }
    }
    // Oil mentioned in the description too, sometimes.
    if let Some(t) = p.oil_text.first()
        && !p.dosage.is_dry()
        && rng.chance(0.3)
    {
        desc.push(format!("Delivered in {t} for better absorption."));
    }
    // Certifications: column, description or both.
    let phrases = cert_phrases(rng, p);
    if !phrases.is_empty() {
        match rng.weighted(&[(60, 0u8), (25, 1), (15, 2)]) {
            0 => cells[7] = phrases.join(rng.pick(&[", ", "; ", " | "])),
            1 => desc.push(format!("{}.", phrases.join(". "))),
            _ => {
                let (a, b) = phrases.split_at(phrases.len() / 2);
                if !a.is_empty() {
                    desc.push(format!("{}.", a.join(". ")));
                }
                cells[7] = b.join(", ");
            }
        }
    }
    if rng.chance(0.04) {
        desc.push("Made with USP-grade ingredients.".to_string());
    }
    if let Some(n) = p.noise {
        desc.push(n.to_string());
    }
    // Warnings: the warnings column, or appended to the description.
    let warn = p.warnings.join(" ");
    if !warn.is_empty() {
        if rng.chance(0.8) {
            cells[8] = warn;
        } else {
            desc.push(warn);
        }
    }
    let bullets = rng.chance(0.1);
    cells[3] = if bullets { desc.iter().map(|d| format!("• {d}")).collect::<Vec<_>>().join("\n") } else { desc.join(" ") };
    cells[5] = other_ingredients(rng, p);
    if rng.chance(0.5) {
        cells[6].push_str(p.dosage.column(rng));
    }
    let _ = write!(cells[9], "{}.{:02}", p.price / 100, p.price % 100);
    cells[10] = dirs;
}

/// Renders a clean row into `ctx.cells` (15 cells).
fn render_clean(ctx: &mut Ctx, row: u64, p: &Product, dirty: u8) {
    let rng = &mut ctx.rng;
    let cells = &mut ctx.cells;
    for c in cells.iter_mut() {
        c.clear();
    }
    let (brand, prefix) = BRANDS[p.brand];
    let _ = write!(cells[0], "{prefix}-{row:07}");
    let size = size_words(rng, p.dosage);
    cells[2].push_str(brand);
    cells[3].push_str(rng.pick(&["Emerson Ecologics", "KeHE Distributors", "UNFI", brand]));
    if let Some(kind) = p.oos {
        let (name, _) = out_of_scope_lines(rng, kind, p.dosage);
        let _ = write!(cells[1], "{brand} {name}, {size}");
    } else {
        let kt = k_title(rng, &p.k, p.k_combined.is_some());
        let dt = p.d.map(|(f, _)| d_title(rng, f));
        let name = match (dt, p.k.is_empty()) {
            (Some(dt), false) => format!("{dt} + {kt}"),
            (Some(dt), true) => dt.to_string(),
            (None, _) => format!("Vitamin {kt}"),
        };
        let _ = write!(cells[1], "{brand} {name}, {size}");
        if let Some((f, iu)) = p.d {
            cells[4] = match dirty {
                DIRTY_SEE_LABEL => "see label".to_string(),
                _ if rng.chance(0.5) => fmt_num(iu, 2),
                _ => format!("{} mcg ({} IU)", fmt_num(iu / 40.0, 2), commas(iu)),
            };
            cells[5].push_str(match f {
                DForm::D3 => rng.pick(&["D3", "Cholecalciferol", "D3 (cholecalciferol)"]),
                DForm::D2 => "D2 (ergocalciferol)",
                DForm::Unknown => "",
            });
        }
        if let Some(total) = p.k_combined {
            cells[6] = if dirty == DIRTY_SEE_LABEL { "see label".to_string() } else { fmt_num(total, 2) };
            cells[7].push_str("K1 + MK-7 (combined)");
        } else if p.k.len() > 1 {
            let parts: Vec<String> = p.k.iter().map(|k| format!("{} {} mcg", k.form.map_or("K2", KForm::id), fmt_num(k.mcg, 2))).collect();
            cells[6] = if dirty == DIRTY_SEE_LABEL { "see label".to_string() } else { parts.join("; ") };
            cells[7] = p.k.iter().map(|k| k.form.map_or("K2", KForm::id)).collect::<Vec<_>>().join(" + ");
        } else if let Some(k) = p.k.first() {
            cells[6] = if dirty == DIRTY_SEE_LABEL { "see label".to_string() } else { fmt_num(k.mcg, 2) };
            cells[7].push_str(match k.form {
                Some(KForm::Mk7) => rng.pick(&["MK-7", "MK-7 (MenaQ7)", "menaquinone-7"]),
                Some(KForm::Mk4) => rng.pick(&["MK-4", "MK-4 (menatetrenone)"]),
                Some(KForm::K1) => "K1 (phytonadione)",
                Some(KForm::Mk9) => "MK-9",
                None => "",
            });
        }
    }
    cells[8].push_str(p.dosage.column(rng));
    let (one, many) = p.dosage.unit();
    if p.dosage != Dosage::Unknown {
        let _ = write!(cells[9], "{} {}", p.su, if p.su == 1 { one } else { many });
    }
    let _ = write!(cells[10], "{}", p.spd);
    cells[11] = other_ingredients(rng, p);
    cells[12] = cert_phrases(rng, p).join("; ");
    cells[13] = p.warnings.join(" ");
    let _ = write!(cells[14], "{}.{:02}", p.price / 100, p.price % 100);
}

// ---------------------------------------------------------------------------------------------
// Truth

fn truth_line(out: &mut String, row: u64, p: &Product, sound: bool) {
    out.clear();
    if !sound {
        let _ = writeln!(out, "{row},no,,,,,,,,");
        return;
    }
    let spd = p.spd as f64;
    let d_form = match p.d {
        Some((DForm::D3, _)) => "D3",
        Some((DForm::D2, _)) => "D2",
        Some((DForm::Unknown, _)) => "unknown",
        None => "",
    };
    let d3 = p.d.map(|(_, iu)| fmt_num(iu * spd, 2)).unwrap_or_default();
    let k_forms = if p.k.is_empty() {
        String::new()
    } else if p.k.iter().all(|k| k.form.is_none()) {
        "unknown".to_string()
    } else {
        let mut f: Vec<KForm> = p.k.iter().filter_map(|k| k.form).collect();
        f.sort();
        f.dedup();
        f.iter().map(|f| f.id()).collect::<Vec<_>>().join("+")
    };
    let k2 = if p.k_combined.is_some() {
        String::new()
    } else {
        let mk: Vec<f64> = p.k.iter().filter(|k| k.form != Some(KForm::K1)).map(|k| k.mcg).collect();
        if mk.is_empty() { String::new() } else { fmt_num(mk.iter().sum::<f64>() * spd, 2) }
    };
    let oils: Vec<&str> = p.oils.iter().map(|i| OIL_IDS[*i]).collect();
    let certs: Vec<&str> = p.certs.iter().copied().collect();
    let _ = writeln!(
        out,
        "{row},yes,{d_form},{d3},{k_forms},{k2},{},{},{},{}",
        p.dosage.id(),
        oils.join("+"),
        certs.join("+"),
        if p.warfarin { "yes" } else { "no" }
    );
}

// ---------------------------------------------------------------------------------------------
// The catalogue

/// What to generate.
pub struct Options {
    pub rows: u64,
    pub seed: u64,
    /// `--style clean`: one column per fact (otherwise messy: facts spread over free text).
    pub clean: bool,
    /// The share of records broken on purpose.
    pub dirty_rate: f64,
}

impl Default for Options {
    fn default() -> Options {
        Options { rows: 1000, seed: 42, clean: false, dirty_rate: 0.02 }
    }
}

/// The header of `--style clean`.
const CLEAN_HEADER: &[&str] = &[
    "SKU",
    "Product Name",
    "Brand",
    "Supplier",
    "Vitamin D (IU)",
    "Vitamin D Form",
    "Vitamin K (mcg)",
    "Vitamin K Form",
    "Dosage Form",
    "Serving Size",
    "Servings Per Day",
    "Other Ingredients",
    "Certifications",
    "Warnings",
    "Price",
];

/// The header of `--style messy`.
const MESSY_HEADER: &[&str] = &[
    "SKU",
    "Title",
    "Brand",
    "Description",
    "Ingredients",
    "Other Ingredients",
    "Form",
    "Certifications",
    "Warnings",
    "Price",
    "Directions",
];

/// Writes the catalogue (its header, then `opts.rows` records) to `out` and, when asked, the truth
/// file to `truth`, one line at a time (buffer them). Returns how many records are broken on purpose.
pub fn generate(opts: &Options, out: &mut dyn Write, mut truth: Option<&mut dyn Write>) -> io::Result<u64> {
    let header = if opts.clean { CLEAN_HEADER } else { MESSY_HEADER };
    writeln!(out, "{}", header.join(","))?;
    if let Some(t) = truth.as_mut() {
        writeln!(t, "row,sound,d_form,d3_iu,k_forms,k2_mcg,dosage_form,carrier_oil,certifications,warfarin_warning")?;
    }
    let mut ctx = Ctx { rng: Rng::new(opts.seed), cells: vec![String::new(); header.len()], line: String::with_capacity(2048) };
    let mut tline = String::with_capacity(128);
    let mut dirty_count = 0u64;
    for row in 1..=opts.rows {
        let p = gen_product(&mut ctx.rng);
        let dirty = if ctx.rng.chance(opts.dirty_rate) {
            dirty_count += 1;
            let in_scope = p.oos.is_none();
            match ctx.rng.below(4) {
                0 => DIRTY_SHORT,
                1 => DIRTY_LONG,
                2 if in_scope => DIRTY_SEE_LABEL,
                3 if in_scope && !opts.clean => DIRTY_UNITLESS,
                _ => DIRTY_SHORT,
            }
        } else {
            DIRTY_NONE
        };
        if opts.clean {
            render_clean(&mut ctx, row, &p, dirty);
        } else {
            render_messy(&mut ctx, row, &p, dirty);
        }
        let n = match dirty {
            DIRTY_SHORT => 1 + ctx.rng.below(header.len() - 2),
            _ => header.len(),
        };
        ctx.line.clear();
        for (i, c) in ctx.cells.iter().take(n).enumerate() {
            push_cell(&mut ctx.line, c, i == 0);
        }
        if dirty == DIRTY_LONG {
            ctx.line.push_str(",N/A");
        }
        ctx.line.push('\n');
        out.write_all(ctx.line.as_bytes())?;
        if let Some(t) = truth.as_mut() {
            truth_line(&mut tline, row, &p, dirty == DIRTY_NONE);
            t.write_all(tline.as_bytes())?;
        }
    }
    Ok(dirty_count)
}
