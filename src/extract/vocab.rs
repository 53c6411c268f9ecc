//! The label vocabulary: every word and phrase the extractor recognises, compiled once into one
//! compact trie, walked for the longest word at each start (so "nsf certified for sport" beats
//! "nsf certified" and "sunflower lecithin" beats "sunflower oil").

use std::sync::OnceLock;

use super::text::is_word_byte;
use super::{Cert, DForm, DosageForm, KForm, Oil};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DAnchor {
    Form(DForm),
    /// "vitamin d" with no number.
    Generic,
    /// "25-hydroxy vitamin D", "25(OH)D": a blood test, not a form; swallows the words.
    BloodTest,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KAnchor {
    Form(KForm),
    /// "vitamin k2", "menaquinone": K2 with no number.
    K2Generic,
    /// "vitamin k": could be K1 or K2.
    Generic,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tok {
    D(DAnchor),
    K(KAnchor),
    /// Another nutrient: takes amounts so they are not pinned on D or K.
    OtherNutrient,
    Dosage(DosageForm),
    Oil(Oil),
    /// "from coconut oil" after MCT: the MCT's source, not a second oil.
    OilSource,
    /// Looks like an oil but is not a carrier (lecithin, flavour oils, MCT powder).
    NotOil,
    Cert(Cert),
    /// Looks like a certification but is not one ("USP-grade").
    NotCert,
    /// "No vitamin K": a negation that swallows the vitamin's name.
    NotVitamin,
    /// "free of", "contains no": opens a list of allergens.
    FreeOf,
    Allergen(Cert),
    Warfarin,
}

/// Whether a pattern must stand as a word on its left and right.
#[derive(Clone, Copy)]
struct Bounds {
    left: bool,
    right: bool,
}

const WORD: Bounds = Bounds { left: true, right: true };
const PREFIX: Bounds = Bounds { left: true, right: false };
/// Short codes like `d3`, `k2`: no letter before, no digit after ("d3k2" reads as two).
const CODE: Bounds = Bounds { left: true, right: true };

/// The vocabulary, group by group: each group's words all mean its token and need its bounds.
/// Words are lowercase, as the normalised text is, and each is listed once (a test checks both).
const VOCAB: &[(Tok, Bounds, &[&str])] = {
    use super::Cert::*;
    use DosageForm as F;
    use Tok::*;
    &[
        // Vitamin D.
        (
            D(DAnchor::Form(DForm::D3)),
            CODE,
            &[
                "vitamin d3",
                "vitamin d-3",
                "vitamins d3",
                "vit d3",
                "vit. d3",
                "vit d-3",
                "d3",
                "d-3",
                "cholecalciferol",
                "colecalciferol",
                "cholécalciférol",
                "cholecalciférol",
                "colecalciferolo",
                "vitashine",
                "cholecalciferolum",
                "vitamine d3",
                "vitamina d3",
                "vitamin d₃",
                "витамин d3",
                "витамин д3",
                "витамина d3",
                "витамина д3",
                "д3",
                "холекальциферол",
            ],
        ),
        (
            D(DAnchor::Form(DForm::D2)),
            CODE,
            &[
                "vitamin d2",
                "vitamin d-2",
                "vit d2",
                "d2",
                "d-2",
                "ergocalciferol",
                "ergocalciférol",
                "эргокальциферол",
                "витамин d2",
                "витамин д2",
                "д2",
            ],
        ),
        (D(DAnchor::Form(DForm::Calcifediol)), WORD, &["calcifediol", "calcidiol", "calcifediol monohydrate"]),
        (
            D(DAnchor::Generic),
            WORD,
            &[
                "vitamin d",
                "vitamins d",
                "vit d",
                "vit. d",
                "vitamin-d",
                "vitamine d",
                "vitamina d",
                "витамин d",
                "витамин д",
                "витамина d",
                "витамина д",
            ],
        ),
        (
            D(DAnchor::BloodTest),
            PREFIX,
            &[
                "25-hydroxy vitamin d",
                "25-hydroxyvitamin d",
                "25 hydroxy vitamin d",
                "25-hydroxy-vitamin d",
                "25(oh)d",
                "25(oh) d",
                "25-oh d",
                "25-ohd",
                "25(oh)d3",
                "25-hydroxy vitamin d3",
                "25-hydroxyvitamin d3",
                "25-hydroxy",
                "calcitriol",
            ],
        ),
        // Vitamin K.
        (
            K(KAnchor::Form(KForm::K1)),
            CODE,
            &[
                "vitamin k1",
                "vitamin k-1",
                "vit k1",
                "k1",
                "k-1",
                "phylloquinone",
                "phytonadione",
                "phytomenadione",
                "phytonactone",
                "phyllochinon",
                "phylloquinon",
                "vitamine k1",
                "vitamina k1",
                "витамин k1",
                "витамин к1",
                "к1",
                "филлохинон",
            ],
        ),
        (
            K(KAnchor::Form(KForm::Mk4)),
            CODE,
            &[
                "mk-4",
                "mk4",
                "mk 4",
                "menaquinone-4",
                "menaquinone 4",
                "menaquinone4",
                "menatetrenone",
                "menatetrenon",
                "menachinon-4",
                "menachinon 4",
                "vitamin k2 mk-4",
                "vitamin k2-mk4",
                "мк-4",
                "мк4",
                "менахинон-4",
            ],
        ),
        (
            K(KAnchor::Form(KForm::Mk7)),
            CODE,
            &[
                "mk-7",
                "mk7",
                "mk 7",
                "menaquinone-7",
                "menaquinone 7",
                "menaquinone7",
                "menachinon-7",
                "menachinon 7",
                "menaq7",
                "mena q7",
                "mena-q7",
                "k2vital",
                "k2 vital",
                "vitamk7",
                "vita mk7",
                "vitamk 7",
                "all-trans mk-7",
                "all trans mk-7",
                "menaquinone-7 (mk-7)",
                // "K2-7", "Vitamin K-7": shorthand for MK-7.
                "k2-7",
                "k2 7",
                "vitamin k2-7",
                "vitamin k-7",
                "vitamin k7",
                "vit k-7",
                "мк-7",
                "мк7",
                "менахинон-7",
                "менахинон 7",
                "ménaquinone-7",
                "ménaquinone 7",
                "к2-7",
            ],
        ),
        (K(KAnchor::Form(KForm::Mk9)), CODE, &["mk-9", "mk9", "mk 9", "menaquinone-9", "menaquinone 9", "menachinon-9"]),
        (
            K(KAnchor::K2Generic),
            CODE,
            &[
                "vitamin k2",
                "vitamin k-2",
                "vitamins k2",
                "vit k2",
                "vit. k2",
                "vit k-2",
                "k2",
                "k-2",
                "menaquinone",
                "menaquinones",
                "menachinon",
                "menachinone",
                "vitamine k2",
                "vitamina k2",
                "витамин k2",
                "витамин к2",
                "витамина k2",
                "витамина к2",
                "к2",
                "менахинон",
                "ménaquinone",
            ],
        ),
        (
            K(KAnchor::Generic),
            WORD,
            &["vitamin k", "vit k", "vit. k", "vitamin-k", "vitamins k", "vitamine k", "vitamina k", "витамин k", "витамин к"],
        ),
        // Other nutrients that carry amounts of their own.
        (
            OtherNutrient,
            WORD,
            &[
                "vitamin a",
                "vitamin c",
                "vitamin e",
                "vitamin b6",
                "vitamin b12",
                "vitamin b-12",
                "b12",
                "b-12",
                "folate",
                "folic acid",
                "calcium",
                "magnesium",
                "zinc",
                "iodine",
                "sea-iodine",
                "boron",
                "selenium",
                "omega-3",
                "epa",
                "dha",
                "coq10",
                "black pepper",
                "bioperine",
                "piperine",
                "astaxanthin",
                "lutein",
                "curcumin",
                "turmeric",
                "ashwagandha",
                "iron",
                "potassium",
                "collagen",
                "retinyl palmitate",
                "beta-carotene",
                "ascorbic acid",
                "tocopherol",
                "mixed tocopherols",
                "d-alpha tocopherol",
            ],
        ),
        // Dosage forms.
        (
            Dosage(F::Softgel),
            WORD,
            &[
                "softgel",
                "softgels",
                "soft gel",
                "soft gels",
                "soft-gel",
                "soft-gels",
                "liquid softgel",
                "liquid softgels",
                "gelcap",
                "gelcaps",
                "liquid capsule",
                "liquid capsules",
                "liquid caps",
                "liquid-filled capsules",
                "liquid-filled capsule",
                "liquid filled capsules",
                "liquid filled capsule",
                "liquid-filled softgels",
                "liquid-filled softgel",
                "liquid filled softgels",
                "liquid filled softgel",
                "liquid-filled",
                "liquid filled",
                "liquid softgel capsules",
                "capsules molles",
                "capsule molle",
                "мягкие капсулы",
                "мягких капсул",
                "weichkapsel",
                "weichkapseln",
                "weichgelkapseln",
                "veg softgels",
                "vegan softgels",
                "veggie softgels",
            ],
        ),
        (
            Dosage(F::Capsule),
            WORD,
            &[
                "capsule",
                "capsules",
                "caps",
                "vcaps",
                "vegcaps",
                "veg caps",
                "veggie caps",
                "vegicaps",
                "vcap",
                "kapsel",
                "kapseln",
                "veg capsules",
                "vegetarian capsules",
                "hard capsules",
                "gélules",
                "gélule",
                "cápsulas",
                "capsule vegetali",
                "капсулы",
                "капсул",
                "капсула",
                "капсуле",
            ],
        ),
        (
            Dosage(F::Tablet),
            WORD,
            &[
                "tablet",
                "tablets",
                "tabs",
                "caplet",
                "caplets",
                "tabletten",
                "tablette",
                "mini-tabs",
                "mini tablets",
                "comprimés",
                "comprimé",
                "comprimidos",
                "таблетки",
                "таблеток",
                "таблетка",
            ],
        ),
        (
            Dosage(F::Chewable),
            WORD,
            &[
                "chewable",
                "chewables",
                "chewable tablet",
                "chewable tablets",
                "chews",
                "chewy",
                "kautabletten",
                "kautablette",
                "melts",
                "comprimés à croquer",
                "жевательные таблетки",
            ],
        ),
        (
            Dosage(F::Lozenge),
            WORD,
            &["lozenge", "lozenges", "troche", "troches", "lutschtablette", "lutschtabletten", "pastilles à sucer", "пастилки"],
        ),
        (Dosage(F::Gummy), WORD, &["gummy", "gummies", "gummi", "gummis", "fruchtgummis"]),
        (Dosage(F::Powder), WORD, &["powder", "powders", "sachet", "sachets", "stick pack", "stick packs", "pulver"]),
        (Dosage(F::Spray), WORD, &["spray", "sprays", "oral spray", "mouth spray", "sublingual spray", "mundspray", "спрей"]),
        (
            Dosage(F::Liquid),
            WORD,
            &[
                "liquid",
                "liquids",
                "drops",
                "drop",
                "tincture",
                "dropper",
                "fl oz",
                "fl. oz",
                "fl.oz",
                "ml",
                "tropfen",
                "flüssig",
                "oil drops",
                "liquid drops",
                "emulsion",
                "gouttes",
                "gotas",
                "капли",
                "капель",
            ],
        ),
        // Carrier oils.
        (
            Oil(super::Oil::Mct),
            WORD,
            &[
                "mct",
                "mct oil",
                "mct oils",
                "mct-öl",
                "mct öl",
                "mct-oil",
                "medium chain triglycerides",
                "medium-chain triglycerides",
                "medium chain triglyceride",
                "medium-chain triglyceride",
                "medium chain triglyceride oil",
                "fractionated coconut oil",
                "fractionated coconut",
                "caprylic/capric triglyceride",
                "caprylic/capric triglycerides",
                "triglycerides (mct)",
            ],
        ),
        (
            Oil(super::Oil::Olive),
            WORD,
            &[
                "olive oil",
                "olive oils",
                "extra virgin olive oil",
                "extra-virgin olive oil",
                "olive fruit oil",
                "olivenöl",
                "olea europaea (olive) fruit oil",
                "olea europaea fruit oil",
            ],
        ),
        (
            Oil(super::Oil::Coconut),
            WORD,
            &["coconut oil", "virgin coconut oil", "kokosöl", "cocos nucifera (coconut) oil", "cocos nucifera oil"],
        ),
        (
            Oil(super::Oil::Sunflower),
            WORD,
            &[
                "sunflower oil",
                "sunflower seed oil",
                "high oleic sunflower oil",
                "high-oleic sunflower oil",
                "helianthus annuus (sunflower) seed oil",
                "helianthus annuus seed oil",
                "sonnenblumenöl",
            ],
        ),
        (
            Oil(super::Oil::Safflower),
            WORD,
            &["safflower oil", "safflower seed oil", "high oleic safflower oil", "distelöl", "färberdistelöl"],
        ),
        (Oil(super::Oil::Flaxseed), WORD, &["flaxseed oil", "flax seed oil", "flax oil", "linseed oil", "leinöl"]),
        (Oil(super::Oil::Hemp), WORD, &["hemp seed oil", "hempseed oil", "hemp oil", "hanföl", "hanfsamenöl"]),
        (
            Oil(super::Oil::Fish),
            WORD,
            &["fish oil", "fish oils", "cod liver oil", "fish liver oil", "krill oil", "salmon oil", "anchovy oil", "fischöl", "lebertran"],
        ),
        (Oil(super::Oil::Avocado), WORD, &["avocado oil", "avocadoöl"]),
        (
            Oil(super::Oil::Other),
            WORD,
            &[
                "pumpkin seed oil",
                "rice bran oil",
                "soybean oil",
                "soy oil",
                "corn oil",
                "palm oil",
                "canola oil",
                "rapeseed oil",
                "sesame oil",
                "peanut oil",
                "almond oil",
                "grapeseed oil",
                "vegetable oil",
                "black seed oil",
                "algal oil",
                "algae oil",
                "argan oil",
                "macadamia oil",
                "walnut oil",
                "rapsöl",
            ],
        ),
        (OilSource, WORD, &["from coconut oil", "derived from coconut oil", "(from coconut oil)", "coconut oil-derived"]),
        // "MCT powder (from coconut)": the source of an ingredient, not an oil.
        (NotOil, WORD, &["from coconut", "(from coconut)", "derived from coconut", "mct-pulver", "mct pulver"]),
        (
            NotOil,
            WORD,
            &[
                "sunflower lecithin",
                "soy lecithin",
                "soya lecithin",
                "lecithin",
                "mct powder",
                "mct oil powder",
                "peppermint oil",
                "spearmint oil",
                "orange oil",
                "lemon oil",
                "natural flavor oil",
                "flavour oil",
                "essential oil",
                "essential oils",
                "sonnenblumenlecithin",
                "coconut oil powder",
                "powdered coconut oil",
                "sunflower oil powder",
                "high oleic sunflower oil powder",
                "olive oil powder",
                "safflower oil powder",
                "flaxseed oil powder",
                "medium chain triglyceride powder",
                "medium-chain triglyceride powder",
            ],
        ),
        // Certifications.
        (
            Cert(NsfSport),
            WORD,
            &[
                "nsf certified for sport",
                "nsf certified for sports",
                "certified for sport",
                "nsf for sport",
                "nsf sport",
                "nsf-certified for sport",
            ],
        ),
        (
            Cert(NsfContents),
            WORD,
            &[
                "nsf certified",
                "nsf-certified",
                "nsf/ansi 173",
                "nsf ansi 173",
                "nsf/ansi-173",
                "nsf 173",
                "nsf contents certified",
                "contents certified",
                "nsf international certified",
                "certified by nsf",
            ],
        ),
        (
            Cert(UspVerified),
            WORD,
            &["usp verified", "usp-verified", "usp verified mark", "usp dietary supplement verification", "verified by usp"],
        ),
        (Cert(InformedSport), WORD, &["informed sport", "informed-sport", "informedsport"]),
        (Cert(InformedChoice), WORD, &["informed choice", "informed-choice", "informedchoice"]),
        (
            Cert(Bscg),
            WORD,
            &["bscg", "bscg certified", "bscg certified drug free", "certified drug free", "banned substances control group"],
        ),
        (
            Cert(Gmp),
            WORD,
            &[
                "gmp",
                "cgmp",
                "c-gmp",
                "gmp certified",
                "gmp-certified",
                "gmp registered",
                "nsf gmp",
                "nsf-gmp",
                "nsf gmp registered",
                "nsf-registered",
                "nsf registered",
                "nsf registered gmp",
                "nsf-certified facility",
                "nsf certified facility",
                "nsf-certified gmp facility",
                "nsf certified gmp facility",
                "nsf-certified manufacturing facility",
                "nsf certified manufacturing facility",
                "nsf-registered facility",
                "nsf registered facility",
                "good manufacturing practice",
                "good manufacturing practices",
                "gmp quality assured",
            ],
        ),
        (
            Cert(ThirdPartyTested),
            WORD,
            &[
                "third-party tested",
                "third party tested",
                "3rd party tested",
                "3rd-party tested",
                "third-party lab tested",
                "third party lab tested",
                "independently tested",
                "independent lab tested",
                "independently lab tested",
                "lab tested",
                "lab-tested",
                "independently verified",
                "independently lab verified",
                "purity tested",
                "tested for purity",
                "third-party testing",
                "third party testing",
                "third-party verified",
            ],
        ),
        (Cert(NonGmo), WORD, &["non-gmo", "non gmo", "nongmo", "gmo-free", "gmo free", "non-gmo project verified", "ohne gentechnik"]),
        (Cert(GlutenFree), WORD, &["gluten-free", "gluten free", "glutenfrei", "no gluten", "gluten-frei"]),
        (Cert(SoyFree), WORD, &["soy-free", "soy free", "soya-free", "soya free", "sojafrei", "no soy", "soja-frei"]),
        (
            Cert(DairyFree),
            WORD,
            &["dairy-free", "dairy free", "milk-free", "milk free", "no dairy", "laktosefrei und milchfrei", "milchfrei"],
        ),
        (
            Cert(Vegan),
            WORD,
            &[
                "vegan",
                "certified vegan",
                "vegan society",
                "vegan-certified",
                "100% vegan",
                "suitable for vegans",
                "suitable for vegetarians and vegans",
                "suitable for vegetarians & vegans",
                "suitable for vegans and vegetarians",
            ],
        ),
        (Cert(Hypoallergenic), WORD, &["hypoallergenic", "hypo-allergenic", "hypoallergen"]),
        (Cert(Kosher), WORD, &["kosher", "koscher", "ok kosher", "kosher certified"]),
        (Cert(Halal), WORD, &["halal", "halal certified"]),
        (
            NotCert,
            WORD,
            &[
                "usp grade",
                "usp-grade",
                "meets usp standards",
                "usp standards",
                "usp quality",
                "usp-quality",
                "pharmaceutical grade",
                "not suitable for vegans",
                "not suitable for vegetarians and vegans",
                "not suitable for vegetarians or vegans",
                "unsuitable for vegans",
                "not vegan",
            ],
        ),
        (
            FreeOf,
            WORD,
            &["free of", "free from", "contains no", "does not contain", "do not contain", "without", "frei von", "ohne", "no artificial"],
        ),
        (Allergen(GlutenFree), WORD, &["gluten", "wheat"]),
        (Allergen(SoyFree), WORD, &["soy", "soya", "soja", "soybean", "soybeans"]),
        (Allergen(DairyFree), WORD, &["dairy", "milk", "lactose", "milch"]),
        // Warfarin / blood thinner warnings.
        (
            Warfarin,
            WORD,
            &[
                "warfarin",
                "coumadin",
                "jantoven",
                "marevan",
                "acenocoumarol",
                "phenprocoumon",
                "marcumar",
                "vka",
                "vkas",
                "blood thinner",
                "blood thinners",
                "blood-thinner",
                "blood-thinners",
                "blood thinning",
                "blood-thinning",
                "anticoagulation",
                "anticoagulante",
                "anticoagulantes",
                "blutverdünner",
                "blutverdünnende",
                "blood-thinning medication",
                "antithrombotic",
                "варфарин",
                "варфарина",
                "варфарином",
            ],
        ),
        (
            Warfarin,
            PREFIX,
            &[
                "anticoagul",
                "anti-coagul",
                "gerinnungshemm",
                "blutgerinnungshemm",
                "antikoagul",
                "blutverdünn",
                "vitamin k antagonist",
                "vitamin-k antagonist",
                "vitamin k-antagonist",
                "vitamin-k-antagonist",
                "k-antagonist",
                "антикоагулянт",
            ],
        ),
        // Statements that a product has no vitamin K are not vitamin K.
        (
            NotVitamin,
            WORD,
            &[
                "no vitamin k",
                "without vitamin k",
                "free of vitamin k",
                "vitamin k free",
                "vitamin k-free",
                "does not contain vitamin k",
                "contains no vitamin k",
                "ohne vitamin k",
            ],
        ),
    ]
};

/// Every word of the vocabulary with its token and bounds, in the order of `Vocab::toks`.
fn entries() -> impl Iterator<Item = (&'static str, Tok, Bounds)> {
    VOCAB.iter().flat_map(|&(tok, bounds, words)| words.iter().map(move |&w| (w, tok, bounds)))
}

struct Vocab {
    /// The vocabulary as an anchored trie: see `Trie`.
    trie: Trie,
    toks: Vec<(Tok, Bounds)>,
}

fn vocab() -> &'static Vocab {
    static V: OnceLock<Vocab> = OnceLock::new();
    V.get_or_init(|| {
        let patterns: Vec<&str> = entries().map(|(p, _, _)| p).collect();
        Vocab { trie: Trie::new(&patterns), toks: entries().map(|(_, tok, b)| (tok, b)).collect() }
    })
}

/// The vocabulary as a compact anchored trie, walked from each position where a word can start.
/// It replaced an anchored Aho-Corasick DFA of 2.2 MB, whose every step was a cache miss; this
/// takes about 40 KB. A walk from `p` can only find patterns that start at `p`.
struct Trie {
    /// Each byte's class: 0 for a byte no pattern has, else 1 + its rank among those that do
    /// (below 128: the vocabulary has 77 distinct bytes).
    class: [u8; 256],
    /// Node id (0: none) of the first two bytes of some pattern, at `class[a] << 7 | class[b]`
    /// (a fixed size, so the look-up needs no bounds check; only the rows of used classes are
    /// ever read). Every pattern has two bytes or more, so this is also the test of a start.
    first2: Box<[u16; 1 << 14]>,
    /// Nodes numbered breadth first, so that the children of a node are consecutive.
    nodes: Vec<Node>,
}

#[derive(Clone, Copy, Default)]
struct Node {
    /// Ids `first..first + kids` are the children, in increasing order of `byte`.
    first: u16,
    kids: u16,
    /// The byte that leads here from the parent.
    byte: u8,
    /// The pattern that ends here (index into `toks`) plus one, or 0; where two patterns are the
    /// same text, the first one.
    end: u16,
}

impl Trie {
    fn new(patterns: &[&str]) -> Trie {
        // A plain trie first, children by byte.
        let mut kids: Vec<std::collections::BTreeMap<u8, usize>> = vec![Default::default()];
        let mut ends: Vec<Option<usize>> = vec![None];
        for (id, p) in patterns.iter().enumerate() {
            let mut n = 0;
            for &b in p.as_bytes() {
                n = match kids[n].get(&b) {
                    Some(&c) => c,
                    None => {
                        let c = kids.len();
                        kids.push(Default::default());
                        ends.push(None);
                        kids[n].insert(b, c);
                        c
                    }
                };
            }
            ends[n].get_or_insert(id);
        }
        // Renumbered breadth first: `order[new] = old`.
        let mut order = vec![0usize];
        let mut nodes = vec![Node::default()];
        let mut i = 0;
        while i < order.len() {
            let old = order[i];
            nodes[i].first = to_u16(order.len());
            nodes[i].kids = to_u16(kids[old].len());
            nodes[i].end = ends[old].map_or(0, |id| to_u16(id + 1));
            for (&b, &c) in &kids[old] {
                order.push(c);
                nodes.push(Node { byte: b, ..Node::default() });
            }
            i += 1;
        }
        let mut used = [false; 256];
        for p in patterns {
            for &b in p.as_bytes() {
                used[b as usize] = true;
            }
        }
        let mut class = [0u8; 256];
        let mut classes = 1;
        for b in 0..256 {
            if used[b] {
                class[b] = classes as u8;
                classes += 1;
            }
        }
        assert!(classes <= 128, "the vocabulary has fewer than 128 distinct bytes");
        let mut first2 = Box::new([0u16; 1 << 14]);
        let root = nodes[0];
        for a in root.first..root.first + root.kids {
            let na = nodes[a as usize];
            for b in na.first..na.first + na.kids {
                first2[class2(&class, na.byte, nodes[b as usize].byte)] = b;
            }
        }
        Trie { class, first2, nodes }
    }

    /// The node of the two bytes at the start of a pattern, if some pattern starts with them.
    #[inline(always)]
    fn first2(&self, a: u8, b: u8) -> Option<u16> {
        let n = self.first2[class2(&self.class, a, b)];
        (n != 0).then_some(n)
    }

    /// The child of `n` by byte `c` (children are sorted by byte, and most nodes have one).
    #[inline(always)]
    fn child(&self, n: Node, c: u8) -> Option<u16> {
        let (mut k, end) = (n.first as usize, (n.first + n.kids) as usize);
        while k < end && self.nodes[k].byte < c {
            k += 1;
        }
        (k < end && self.nodes[k].byte == c).then_some(k as u16)
    }
}

/// The index in `Trie::first2` of the classes of `a` and `b`.
#[inline(always)]
fn class2(class: &[u8; 256], a: u8, b: u8) -> usize {
    (class[a as usize] as usize & 127) << 7 | class[b as usize] as usize & 127
}

/// A trie size as a node id; the vocabulary is a static table far below 65,536 nodes.
fn to_u16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or_else(|_| unreachable!("the vocabulary trie has fewer than 65,536 nodes"))
}

/// One vocabulary hit in a normalised field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub tok: Tok,
    pub start: usize,
    pub end: usize,
}

/// Finds every vocabulary word in `text` (normalised), appending to `out`: at each position,
/// the longest pattern that stands as a word there, left to right, without overlaps.
///
/// Every pattern needs a non-letter on its left, so only positions after a non-letter are tried
/// (found eight bytes at a time), and of those only where the first two bytes begin some pattern
/// (one table look-up, which also gives the trie node to go on from); from each the trie follows
/// the text only as long as some pattern does (a byte or two for most words). A shorter pattern on the way counts when the longest one
/// does not end a word ("blood-thinning" in "blood-thinning medications").
pub fn scan(text: &str, out: &mut Vec<Hit>) {
    let v = vocab();
    let bytes = text.as_bytes();
    let n = bytes.len();
    // Candidates come from a mask with bit 7 of lane `l` set when position `base + l` may start
    // a pattern; the first mask stands for the start of the text (as if a non-letter were
    // before it), each next one for the eight positions after the bytes at `next..next + 8`.
    let mut base = 0;
    let mut m: u64 = 0x80;
    let mut next = 0;
    loop {
        while m != 0 {
            let p = base + (m.trailing_zeros() / 8) as usize;
            m &= m - 1;
            if p + 1 >= n {
                return;
            }
            let Some(node) = v.trie.first2(bytes[p], bytes[p + 1]) else { continue };
            if let Some((tok, end)) = longest_at(v, bytes, p, node) {
                out.push(Hit { tok, start: p, end });
                // Go on from the end of the hit: the positions after bytes `end - 1..`.
                m = 0;
                next = end - 1;
            }
        }
        if next >= n {
            return;
        }
        m = non_letters(load8(&bytes[next..]));
        base = next + 1;
        next += 8;
    }
}

/// The eight bytes at the start of `b` as a little-endian word, zero-padded past its end (a zero
/// byte is a non-letter, and the positions after the end are never tried).
fn load8(b: &[u8]) -> u64 {
    if let Some(w) = b.first_chunk::<8>() {
        return u64::from_le_bytes(*w);
    }
    let mut w = [0u8; 8];
    w[..b.len()].copy_from_slice(b);
    u64::from_le_bytes(w)
}

/// Bit 7 of each byte lane is set where that byte of `w` is not a letter, as the scan reads
/// letters: an ASCII letter of either case, or any byte >= 0x80 (part of a non-ASCII character).
/// Must agree with `is_letter` byte by byte (a test checks all 256 bytes in every lane).
fn non_letters(w: u64) -> u64 {
    const HI: u64 = 0x8080_8080_8080_8080;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const fn lanes(b: u8) -> u64 {
        0x0101_0101_0101_0101 * b as u64
    }
    // Case folded and bit 7 cleared, so that each sum below stays within its lane (<= 0x9e).
    let y = (w | lanes(0x20)) & LOW7;
    let ge_a = y + lanes(0x80 - b'a'); // bit 7 set where y >= 'a'
    let gt_z = y + lanes(0x80 - b'z' - 1); // bit 7 set where y > 'z'
    !(w | (ge_a & !gt_z)) & HI
}

/// A letter as the scan reads it: no pattern starts right after one.
fn is_letter(b: u8) -> bool {
    b.is_ascii_alphabetic() || b >= 0x80
}

/// The longest pattern starting at `p` that stands as a word, following the trie from `node`
/// (that of the two bytes at `p`) only as long as some pattern does. A pattern ends at a node only
/// when it starts at `p`, so no length check is needed.
fn longest_at(v: &Vocab, bytes: &[u8], p: usize, mut node: u16) -> Option<(Tok, usize)> {
    let mut best = None;
    let mut j = p + 2;
    loop {
        let Some(&n) = v.trie.nodes.get(node as usize) else { return best };
        if n.end != 0 {
            let (tok, bounds) = v.toks[n.end as usize - 1];
            if stands_alone(bytes, p, j, tok, bounds) {
                best = Some((tok, j));
            }
        }
        let Some(next) = bytes.get(j).and_then(|&c| v.trie.child(n, c)) else { return best };
        node = next;
        j += 1;
    }
}

/// True when a match has the word boundaries its pattern needs.
fn stands_alone(bytes: &[u8], start: usize, end: usize, tok: Tok, b: Bounds) -> bool {
    let before = if start == 0 { None } else { Some(bytes[start - 1]) };
    let after = bytes.get(end).copied();
    let code = matches!(tok, Tok::D(_) | Tok::K(_)) && end - start <= 4;
    let left_ok = if code {
        // "k2d3", "5000iu/d3": a digit or punctuation before a short code is fine.
        !matches!(before, Some(c) if is_letter(c))
    } else {
        !b.left || !is_word_byte(before)
    };
    let right_ok = if code { !matches!(after, Some(c) if c.is_ascii_digit()) } else { !b.right || !is_word_byte(after) };
    left_ok && right_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The oracle for `scan`: the vocabulary as a plain trie, whose walk from a position can only
    /// find patterns that start there. (As the scanner it measured 8 % slower than the DFA.)
    struct Trie {
        /// Each node's children by byte; node 0 is the root.
        kids: Vec<std::collections::BTreeMap<u8, usize>>,
        /// The pattern that ends at each node (index into `toks`); where two patterns are the
        /// same text, the first one.
        ends: Vec<Option<usize>>,
    }

    impl Trie {
        fn new(patterns: &[&str]) -> Trie {
            let mut t = Trie { kids: vec![Default::default()], ends: vec![None] };
            for (id, p) in patterns.iter().enumerate() {
                let mut n = 0;
                for &b in p.as_bytes() {
                    n = match t.kids[n].get(&b) {
                        Some(&c) => c,
                        None => {
                            t.kids.push(Default::default());
                            t.ends.push(None);
                            let c = t.kids.len() - 1;
                            t.kids[n].insert(b, c);
                            c
                        }
                    };
                }
                t.ends[n].get_or_insert(id);
            }
            t
        }
    }

    /// `scan` with the trie's walk: every pattern found starts where the walk starts.
    fn scan_with_trie(text: &str, out: &mut Vec<Hit>) {
        static T: OnceLock<Trie> = OnceLock::new();
        let trie = T.get_or_init(|| Trie::new(&entries().map(|(p, _, _)| p).collect::<Vec<_>>()));
        let v = vocab();
        let bytes = text.as_bytes();
        let letter = |b: u8| b.is_ascii_alphabetic() || b >= 0x80;
        let mut i = 0;
        while i + 1 < bytes.len() {
            if i > 0 && letter(bytes[i - 1]) {
                i += 1;
                continue;
            }
            let mut best = None;
            let mut node = trie.kids[0].get(&bytes[i]).copied();
            let mut j = i;
            while let Some(n) = node {
                j += 1;
                if let Some(id) = trie.ends[n] {
                    let (tok, bounds) = v.toks[id];
                    if stands_alone(bytes, i, j, tok, bounds) {
                        best = Some((tok, j));
                    }
                }
                node = bytes.get(j).and_then(|b| trie.kids[n].get(b).copied());
            }
            match best {
                Some((tok, end)) => {
                    out.push(Hit { tok, start: i, end });
                    i = end;
                }
                None => i += 1,
            }
        }
    }

    #[test]
    fn scan_finds_what_the_trie_finds_on_every_fixture_line() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut lines = 0;
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let Ok(bytes) = std::fs::read(e.path()) else { continue };
            for line in String::from_utf8_lossy(&bytes).lines() {
                let mut norm = crate::extract::text::Norm::default();
                norm.set(line);
                let (mut a, mut b) = (Vec::new(), Vec::new());
                scan(&norm.text, &mut a);
                scan_with_trie(&norm.text, &mut b);
                assert_eq!(a, b, "{line}");
                lines += 1;
            }
        }
        assert!(lines > 300, "fixtures not found ({lines} lines)");
    }

    #[test]
    fn scan_finds_every_pattern_alone_as_the_trie_does() {
        for (p, _, _) in entries() {
            let (mut a, mut b) = (Vec::new(), Vec::new());
            scan(p, &mut a);
            scan_with_trie(p, &mut b);
            assert_eq!(a, b, "{p}");
        }
    }

    proptest::proptest! {
        #[test]
        fn scan_finds_what_the_trie_finds(text in "([a-z0-9 ,.()+/;-]|µ|ä|ö|vitamin |d3|d2|k2|k1|mk-4|mk-7|mk7|menaq7|mct|olive oil|coconut|nsf|usp|certified|verified|for sport|informed|warfarin|blood|thinn|iu |mcg |µg |softgel|capsule|tablet|tablette|kau|drops|liquid|cholecalciferol|ergocalciferol|menaquinone|phylloquinone|no vitamin k|gmp){0,60}") {
            let (mut a, mut b) = (Vec::new(), Vec::new());
            scan(&text, &mut a);
            scan_with_trie(&text, &mut b);
            proptest::prop_assert_eq!(a, b);
        }
    }

    proptest::proptest! {
        #[test]
        fn scan_finds_what_the_trie_finds_in_mixed_scripts(text in "([A-Za-z0-9 ,.;:!?()\\[\\]/+&%*'\"\n\t-]|µ|ä|ö|ü|ß|é|è|à|ç|ñ|д|к|м|и|ё|Д|К|\u{a0}|–|’|витамин |д3|к2|мк-7|капсулы|варфарин|vitamin |vitamine |vit. |d3|d-3|k2|k-2|k2d3|d3k2|5000iu/d3|iu/d3|25(oh)d|25-hydroxy|mk 7|mk7|menaq7|mct öl|mct-öl|weichkapseln|kautabletten|blutverdünn|tropfen|flüssig|gélules|comprimés|ménaquinone|cholécalciférol|soft gel|fl. oz|ml|no vitamin k|vitamin k antagonist|free of|gluten|soy|milk){0,50}") {
            let (mut a, mut b) = (Vec::new(), Vec::new());
            scan(&text, &mut a);
            scan_with_trie(&text, &mut b);
            proptest::prop_assert_eq!(a, b);
        }

        #[test]
        fn scan_finds_what_the_trie_finds_in_any_normalised_text(text in "\\PC{0,80}") {
            let mut norm = crate::extract::text::Norm::default();
            norm.set(&text);
            let (mut a, mut b) = (Vec::new(), Vec::new());
            scan(&norm.text, &mut a);
            scan_with_trie(&norm.text, &mut b);
            proptest::prop_assert_eq!(a, b);
        }
    }

    #[test]
    fn scan_finds_what_the_trie_finds_on_a_table_of_texts() {
        let texts = [
            "",
            "d",
            "d3",
            "k2d3",
            "5000iu/d3",
            "5000 iu/d3 + 100µg/k2 (mk-7)",
            "d35 ad3 d3x d3-k2 (d3)",
            "vitamin d3 (cholecalciferol) 125 µg (5,000 iu), vitamin k2 (as menaquinone-7) 100 µg",
            "витамин д3 2000 ме, витамин к2 мк-7 100 мкг; мягкие капсулы",
            "vitamin d3 1000 i.e. + k2 mk-7 (menachinon-7), 60 weichkapseln, mct-öl, frei von gluten",
            "cholécalciférol, ménaquinone-7, gélules végétales, comprimés à croquer",
            "1 kautablette; brausetablette; lutschtabletten",
            "nsf certified for sport, usp-grade, blood-thinning medications, anticoagulants",
            "...d3...k2...mk7...",
            "ad3 ed3 éd3 дd3 1d3 -d3 _d3",
            "25(oh)d3 25-hydroxyvitamin d3 calcitriol",
            "liquid-filled softgels liquid filled capsule liquid",
            "abcdefgh d3 abcdefg d3 abcdefghi d3",
            "12345678d3",
            "1234567 d3",
            "a\u{a0}d3\tk2\nmk-7",
        ];
        for t in texts {
            let (mut a, mut b) = (Vec::new(), Vec::new());
            scan(t, &mut a);
            scan_with_trie(t, &mut b);
            assert_eq!(a, b, "{t}");
        }
    }

    #[test]
    fn scan_finds_what_the_trie_finds_around_every_pattern() {
        // Each pattern cut short, run on, glued to letters, digits and itself: the trie walk's
        // stops and terminal nodes against the oracle's.
        for (p, _, _) in entries() {
            let short = &p[..p.char_indices().last().map_or(0, |(i, _)| i)];
            let texts = [
                short.to_string(),
                format!("{p}s"),
                format!("{p}1"),
                format!("x{p}"),
                format!("1{p} "),
                format!("({p})"),
                format!("{p} {p},{p}"),
                format!("{p}{p}"),
                format!("{short} {p}-"),
            ];
            for t in &texts {
                let (mut a, mut b) = (Vec::new(), Vec::new());
                scan(t, &mut a);
                scan_with_trie(t, &mut b);
                assert_eq!(a, b, "{t}");
            }
        }
    }

    #[test]
    fn first2_is_exactly_the_two_byte_starts() {
        let t = &vocab().trie;
        let starts: std::collections::BTreeSet<(u8, u8)> = entries()
            .filter_map(|(p, _, _)| match p.as_bytes() {
                [a, b, ..] => Some((*a, *b)),
                _ => None,
            })
            .collect();
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                assert_eq!(t.first2(a, b).is_some(), starts.contains(&(a, b)), "{a:#x} {b:#x}");
            }
        }
    }

    #[test]
    fn non_letters_agrees_with_is_letter_in_every_lane() {
        for lane in 0..8 {
            for b in 0..=255u8 {
                for fill in [0u8, b' ', b'a', b'Z', b'0', 0x80, 0xff, b'z' + 1, b'a' - 1] {
                    let mut w = [fill; 8];
                    w[lane] = b;
                    let m = non_letters(u64::from_le_bytes(w));
                    for (k, &x) in w.iter().enumerate() {
                        assert_eq!(m >> (8 * k + 7) & 1 == 1, !is_letter(x), "byte {x:#x} in lane {k}");
                    }
                    assert_eq!(m & !0x8080_8080_8080_8080, 0);
                }
            }
        }
    }

    #[test]
    fn every_word_is_lowercase_and_listed_once() {
        let mut seen = std::collections::BTreeSet::new();
        for (w, _, _) in entries() {
            assert!(w.len() >= 2 && w == w.to_lowercase(), "{w:?}");
            assert!(seen.insert(w), "{w:?} is listed twice");
        }
    }

    #[test]
    fn a_pattern_inside_a_longer_word_is_no_hit() {
        // The DFA walk took "tablette" ending "kautablette" for a tablet starting at "kau".
        assert_eq!(toks("1 kautablette;"), vec![Tok::Dosage(DosageForm::Chewable)]);
        assert!(toks("1 brausetablette;").is_empty());
        assert_eq!(toks("1 lutschtablette;"), vec![Tok::Dosage(DosageForm::Lozenge)]);
        assert_eq!(toks("1 tablette;"), vec![Tok::Dosage(DosageForm::Tablet)]);
    }

    fn toks(s: &str) -> Vec<Tok> {
        let mut out = Vec::new();
        scan(s, &mut out);
        out.into_iter().map(|h| h.tok).collect()
    }

    #[test]
    fn longest_phrase_wins() {
        assert_eq!(toks("nsf certified for sport"), vec![Tok::Cert(Cert::NsfSport)]);
        assert_eq!(toks("sunflower lecithin"), vec![Tok::NotOil]);
        assert_eq!(toks("nsf gmp registered"), vec![Tok::Cert(Cert::Gmp)]);
        assert_eq!(toks("usp-grade"), vec![Tok::NotCert]);
        assert_eq!(toks("vitamin k antagonist"), vec![Tok::Warfarin]);
    }

    #[test]
    fn codes_need_boundaries() {
        assert_eq!(toks("d3k2"), vec![Tok::D(DAnchor::Form(DForm::D3)), Tok::K(KAnchor::K2Generic)]);
        assert!(toks("ad3x").is_empty());
        assert_eq!(toks("veg capsule"), vec![Tok::Dosage(DosageForm::Capsule)]);
        assert!(toks("d35").is_empty());
        assert_eq!(toks("vitamin d3+k2"), vec![Tok::D(DAnchor::Form(DForm::D3)), Tok::K(KAnchor::K2Generic)]);
    }
}
