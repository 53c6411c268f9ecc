//! Header matching: a retailer's column names to the canonical fields of SPEC §4.
//!
//! Headers are compared after folding case, spaces and punctuation away, against a table of
//! synonyms. A mapping file (`--mapping`) overrides detection field by field.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;

use crate::error::{ConfigProblem, Error};
use crate::ingest::suppliers::{SupplierAliases, SuppliersTable};

/// A canonical field. `Directions` is internal: directions columns ("Suggested Use") feed the
/// servings-per-day extraction and are listed as free text. `Handle` is internal too: Shopify's
/// product handle, which ties variant rows to their product (SPEC §4); it is never label text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Sku,
    Gtin,
    Product,
    Brand,
    Supplier,
    Description,
    VitaminD,
    VitaminDForm,
    VitaminK,
    VitaminKForm,
    DosageForm,
    ServingSize,
    ServingsPerDay,
    Ingredients,
    OtherIngredients,
    Certifications,
    Warnings,
    Price,
    Url,
    Directions,
    Handle,
    TargetGroup,
    CoaDate,
    CertifiedUntil,
}

pub const FIELD_COUNT: usize = 24;

/// A unit stated in a header, e.g. `D3 (IU)` or `K2 mcg`, applied to bare numbers in the column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitHint {
    Iu,
    Mcg,
    Mg,
}

impl Field {
    pub const ALL: [Field; FIELD_COUNT] = [
        Field::Sku,
        Field::Gtin,
        Field::Product,
        Field::Brand,
        Field::Supplier,
        Field::Description,
        Field::VitaminD,
        Field::VitaminDForm,
        Field::VitaminK,
        Field::VitaminKForm,
        Field::DosageForm,
        Field::ServingSize,
        Field::ServingsPerDay,
        Field::Ingredients,
        Field::OtherIngredients,
        Field::Certifications,
        Field::Warnings,
        Field::Price,
        Field::Url,
        Field::Directions,
        Field::Handle,
        Field::TargetGroup,
        Field::CoaDate,
        Field::CertifiedUntil,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Field::Sku => "sku",
            Field::Gtin => "gtin",
            Field::Product => "product",
            Field::Brand => "brand",
            Field::Supplier => "supplier",
            Field::Description => "description",
            Field::VitaminD => "vitamin_d",
            Field::VitaminDForm => "vitamin_d_form",
            Field::VitaminK => "vitamin_k",
            Field::VitaminKForm => "vitamin_k_form",
            Field::DosageForm => "dosage_form",
            Field::ServingSize => "serving_size",
            Field::ServingsPerDay => "servings_per_day",
            Field::Ingredients => "ingredients",
            Field::OtherIngredients => "other_ingredients",
            Field::Certifications => "certifications",
            Field::Warnings => "warnings",
            Field::Price => "price",
            Field::Url => "url",
            Field::Directions => "directions",
            Field::Handle => "handle",
            Field::TargetGroup => "target_group",
            Field::CoaDate => "coa_date",
            Field::CertifiedUntil => "certified_until",
        }
    }

    pub fn from_name(s: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == s)
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// Folded synonyms (lowercase letters and digits only) that map to this field.
    fn synonyms(self) -> &'static [&'static str] {
        SYNONYMS[self.index()].1
    }
}

/// Each field's header synonyms, folded (lowercase letters and digits only), in the order of
/// [`Field::ALL`]: a header that folds to one of them maps to the field.
const SYNONYMS: [(Field, &[&str]); FIELD_COUNT] = [
    (
        Field::Sku,
        &[
            "sku",
            "item",
            "itemno",
            "itemnumber",
            "itemid",
            "itemcode",
            "id",
            "productid",
            "productcode",
            "articlenumber",
            "artikelnummer",
            "artnr",
            "artikelnr",
            "reference",
            "ref",
            "partnumber",
            "mpn",
            "code",
            "skuid",
            "variantsku",
            "asin",
            "артикул",
            "кодтовара",
            "indeks",
            "kodproduktu",
            "référence",
            "referencia",
            "codice",
        ],
    ),
    (
        Field::Gtin,
        &[
            "gtin",
            "ean",
            "upc",
            "barcode",
            "gtin13",
            "gtin14",
            "ean13",
            "upcean",
            "variantbarcode",
            "eancode",
            "gtinean",
            "eangtin",
            "штрихкод",
            "kodean",
            "kodkreskowy",
            "codebarre",
            "códigodebarras",
            "codiceabarre",
        ],
    ),
    (
        Field::Product,
        &[
            "product",
            "title",
            "productname",
            "name",
            "productitle",
            "producttitle",
            "itemname",
            "itemtitle",
            "bezeichnung",
            "artikelbezeichnung",
            "produktname",
            "produkt",
            "listingtitle",
            "description1",
            "название",
            "наименование",
            "названиетовара",
            "nazwa",
            "nazwaproduktu",
            "nomduproduit",
            "nombre",
            "nombredelproducto",
            "nomeprodotto",
            "productnaam",
            "název",
            "názevproduktu",
        ],
    ),
    (
        Field::Brand,
        &[
            "brand",
            "brandname",
            "marke",
            "manufacturer",
            "hersteller",
            "make",
            "vendorbrand",
            "бренд",
            "производитель",
            "marka",
            "producent",
            "marque",
            "marca",
            "merk",
            "značka",
        ],
    ),
    (
        Field::Supplier,
        &[
            "supplier",
            "vendor",
            "suppliername",
            "vendorname",
            "lieferant",
            "distributor",
            "seller",
            "продавец",
            "поставщик",
            "dostawca",
            "fournisseur",
            "proveedor",
            "fornitore",
            "leverancier",
            "dodavatel",
        ],
    ),
    (
        Field::Description,
        &[
            "description",
            "longdescription",
            "productdescription",
            "desc",
            "details",
            "beschreibung",
            "bodyhtml",
            "body",
            "fulldescription",
            "shortdescription",
            "about",
            "features",
            "bulletpoints",
            "highlights",
            "описание",
            "opis",
            "descripción",
            "descrizione",
            "beschrijving",
            "popis",
            "kurzbeschreibung",
            "langbeschreibung",
            "artikelbeschreibung",
            "produktbeschreibung",
        ],
    ),
    (
        Field::VitaminD,
        &[
            "vitamind",
            "vitamind3",
            "d3",
            "vitd",
            "vitd3",
            "vitamindamount",
            "vitamind3amount",
            "d3amount",
            "vitamindiu",
            "vitamind3iu",
            "d3iu",
            "vitamindmcg",
            "vitamind3mcg",
            "d3mcg",
            "vitamindug",
            "d3ug",
            "vitaminddose",
            "d3dose",
            "vitamindperserving",
            "vitamind3perserving",
            "cholecalciferol",
        ],
    ),
    (Field::VitaminDForm, &["vitamindform", "dform", "d3form", "vitamindtype", "formofvitamind", "vitamindsource"]),
    (
        Field::VitaminK,
        &[
            "vitamink",
            "vitamink2",
            "k2",
            "vitk",
            "vitk2",
            "vitaminkamount",
            "vitamink2amount",
            "k2amount",
            "vitaminkmcg",
            "vitamink2mcg",
            "k2mcg",
            "vitamink2ug",
            "k2ug",
            "vitaminkug",
            "vitaminkdose",
            "k2dose",
            "vitamink2perserving",
            "vitaminkperserving",
            "menaquinone",
        ],
    ),
    (Field::VitaminKForm, &["vitaminkform", "kform", "k2form", "vitamink2form", "vitaminktype", "k2type", "formofvitamink"]),
    (
        Field::DosageForm,
        // Only headers that say "form": a shop's `Type`, `Product Type` or `Category` is mapped
        // only when its values are dosage forms (`ColumnMap::dosage_form_from_values`).
        &[
            "dosageform",
            "form",
            "deliveryform",
            "darreichungsform",
            "darreichung",
            "supplementform",
            "productform",
            "formfactor",
            "formegalenique",
            "formagalenica",
            "formafarmaceutica",
            "formafarmacéutica",
            "postać",
            "формавыпуска",
            "лекарственнаяформа",
            "lékováforma",
            "toedieningsvorm",
            "μορφή",
            "φαρμακοτεχνικήμορφή",
        ],
    ),
    (Field::ServingSize, &["servingsize", "serving", "dose", "portion", "portionsgrosse", "verzehrmenge", "dosis"]),
    (
        Field::ServingsPerDay,
        &["servingsperday", "dailyservings", "servingsday", "timesperday", "dosesperday", "perday", "dailydose", "tagesdosis"],
    ),
    (
        Field::Ingredients,
        &[
            "ingredients",
            "ingredient",
            "supplementfacts",
            "activeingredients",
            "zutaten",
            "inhaltsstoffe",
            "composition",
            "contents",
            "formula",
            "nutritionfacts",
            "состав",
            "skład",
            "składniki",
            "ingrédients",
            "ingredientes",
            "ingredienti",
            "ingrediënten",
            "složení",
            "zusammensetzung",
            "zutatenliste",
            "nahrwertangaben",
            "nahrwerte",
        ],
    ),
    (
        Field::OtherIngredients,
        &[
            "otheringredients",
            "inactiveingredients",
            "excipients",
            "otheringredient",
            "inactive",
            "sonstigezutaten",
            "weiterezutaten",
            "carrier",
            "base",
        ],
    ),
    (
        Field::Certifications,
        &[
            "certifications",
            "certification",
            "certs",
            "badges",
            "claims",
            "seals",
            "qualityseals",
            "labels",
            "siegel",
            "zertifikate",
            "zertifizierungen",
            "attributes",
            "tags",
            "dietary",
            "dietaryattributes",
        ],
    ),
    (
        Field::Warnings,
        &[
            "warnings",
            "warning",
            "caution",
            "cautions",
            "warnhinweise",
            "warnhinweis",
            "hinweise",
            "safetyinformation",
            "safety",
            "contraindications",
            "precautions",
            "предупреждения",
            "ostrzeżenia",
            "avertissements",
            "advertencias",
            "avvertenze",
            "waarschuwingen",
            "upozornění",
            "προειδοποιήσεις",
            // Contraindications and precautions, as shops in Europe head the warnings column.
            "gegenanzeigen",
            "sicherheitshinweise",
            "противопоказания",
            "мерыпредосторожности",
            "przeciwwskazania",
            "środkiostrożności",
            "contreindications",
            "précautions",
            "contraindicaciones",
            "precauciones",
            "controindicazioni",
            "precauzioni",
            "contraindicaties",
            "kontraindikace",
        ],
    ),
    (
        Field::Price,
        &[
            "price",
            "preis",
            "retailprice",
            "msrp",
            "cost",
            "unitprice",
            "saleprice",
            "priceusd",
            "priceeur",
            "variantprice",
            "verkaufspreis",
            "vkpreis",
            "цена",
            "стоимость",
            "cena",
            "prix",
            "precio",
            "prezzo",
            "prijs",
        ],
    ),
    (Field::Url, &["url", "link", "producturl", "producturl1", "permalink", "page", "weblink"]),
    (
        Field::Directions,
        &[
            "directions",
            "suggesteduse",
            "howtouse",
            "usage",
            "recommendeduse",
            "verzehrempfehlung",
            "anwendung",
            "dosing",
            "directionsforuse",
            "recommendeddose",
            "einnahmeempfehlung",
            "dosierung",
            "способприменения",
            "применение",
            "рекомендациипоприменению",
            "sposóbużycia",
            "dawkowanie",
            "modedemploi",
            "posologie",
            "mododeempleo",
            "modalitàdiuso",
            "gebruiksaanwijzing",
            "dávkování",
        ],
    ),
    // Merchant Center's `item_group_id` ties the sizes of one product together like a handle.
    (Field::Handle, &["handle", "producthandle", "urlhandle", "itemgroupid"]),
    (
        Field::TargetGroup,
        &[
            "targetgroup",
            "target",
            "audience",
            "targetaudience",
            "agegroup",
            "agerange",
            "ages",
            "suitablefor",
            "zielgruppe",
            "altersgruppe",
            "geeignetfur",
            "publiccible",
            "cible",
        ],
    ),
    (
        Field::CoaDate,
        &[
            "coadate",
            "certificateofanalysis",
            "certificateofanalysisdate",
            "coaissued",
            "coaissuedate",
            "testedon",
            "testdate",
            "labtestdate",
            "analysisdate",
            "prufdatum",
            "analysedatum",
            "datumderanalyse",
        ],
    ),
    (
        Field::CertifiedUntil,
        &[
            "certifieduntil",
            "certificationexpiry",
            "certificationexpires",
            "certificationexpirydate",
            "certexpiry",
            "certexpires",
            "certificationvaliduntil",
            "validuntil",
            "zertifiziertbis",
            "zertifikatgultigbis",
            "gultigbis",
        ],
    ),
];

// The table is in field order, so `synonyms` can index it.
const _: () = {
    let mut i = 0;
    while i < FIELD_COUNT {
        assert!(SYNONYMS[i].0 as usize == i, "SYNONYMS is in the order of Field::ALL");
        i += 1;
    }
};

/// A header without Google's `g:` namespace, which Merchant Center feeds converted from XML keep
/// (`g:price`, `g:brand`).
fn without_namespace(h: &str) -> &str {
    let t = h.trim_start();
    match t.get(..2) {
        Some(p) if p.eq_ignore_ascii_case("g:") => &t[2..],
        _ => h,
    }
}

/// Lowercases and keeps only letters and digits: `Item #` -> `item`, `D3 (IU)` -> `d3iu`.
pub fn fold_header(h: &str) -> String {
    h.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'ä' => 'a',
            'ö' => 'o',
            'ü' => 'u',
            'ß' => 's',
            c => c,
        })
        .filter(|c| c.is_alphanumeric())
        .collect()
}

fn unit_hint_of(folded: &str, field: Field) -> Option<UnitHint> {
    if !matches!(field, Field::VitaminD | Field::VitaminK) {
        return None;
    }
    if folded.ends_with("iu") || folded.ends_with("ie") || folded.ends_with("ui") {
        Some(UnitHint::Iu)
    } else if folded.ends_with("mcg") || folded.ends_with("ug") || folded.ends_with("µg") || folded.ends_with("μg") {
        Some(UnitHint::Mcg)
    } else if folded.ends_with("mg") {
        Some(UnitHint::Mg)
    } else {
        None
    }
}

/// The resolved mapping of one catalogue's header row.
#[derive(Debug, Clone)]
pub struct ColumnMap {
    /// The header names as read (after decoding), in file order.
    pub headers: Vec<String>,
    /// For each canonical field, the index of its column.
    pub index: [Option<usize>; FIELD_COUNT],
    /// For each canonical field, the header name (evidence names its column with it).
    pub names: [Option<Arc<str>>; FIELD_COUNT],
    /// Units stated in headers or in the mapping file.
    pub unit_hints: [Option<UnitHint>; FIELD_COUNT],
    /// Headers that mapped to no field.
    pub unmapped: Vec<String>,
    /// Headers that were ignored because an earlier column already took their field.
    pub duplicates: Vec<String>,
    /// `dosage_form` was mapped by its column's values, not its header: (values that are
    /// dosage forms, non-empty values sampled).
    pub dosage_form_by_values: Option<(u32, u32)>,
    /// Headers whose name matches a field but which are deliberately not read as it (a Shopify
    /// export's `Tags` are marketing labels, not certifications): the header and that field.
    pub set_aside: Vec<(String, Field)>,
}

impl ColumnMap {
    /// Maps a header row automatically, then applies `mapping` (which wins).
    pub fn resolve(headers: Vec<String>, mapping: Option<&Mapping>) -> Result<ColumnMap, Error> {
        let mut index: [Option<usize>; FIELD_COUNT] = [None; FIELD_COUNT];
        let mut unit_hints: [Option<UnitHint>; FIELD_COUNT] = [None; FIELD_COUNT];
        let mut unmapped = Vec::new();
        let mut duplicates = Vec::new();
        let folded: Vec<String> = headers.iter().map(|h| fold_header(without_namespace(h))).collect();

        // Columns named in the mapping file are taken first and never re-used by detection.
        let mut claimed = vec![false; headers.len()];
        if let Some(m) = mapping {
            for (field, header) in &m.columns {
                // `field = ""` removes the automatic match: the field stays unmapped.
                if header.trim().is_empty() {
                    continue;
                }
                let wanted = fold_header(header);
                let pos = headers.iter().position(|h| h == header).or_else(|| folded.iter().position(|f| *f == wanted));
                match pos {
                    Some(i) => {
                        index[field.index()] = Some(i);
                        claimed[i] = true;
                        unit_hints[field.index()] = unit_hint_of(&folded[i], *field);
                    }
                    None => {
                        return Err(Error::Mapping {
                            path: m.path.clone(),
                            problems: vec![ConfigProblem {
                                line: m.line_of(header),
                                column: None,
                                message: format!(
                                    "column \"{header}\" for field `{}` is not in the catalogue; its headers are: {}",
                                    field.name(),
                                    quote_list(&headers)
                                ),
                            }],
                        });
                    }
                }
            }
            for (field, unit) in &m.units {
                unit_hints[field.index()] = Some(*unit);
            }
        }

        for (i, f) in folded.iter().enumerate() {
            if claimed[i] {
                continue;
            }
            let field = match_field(f);
            match field {
                Some(field) if index[field.index()].is_none() && !mapping.is_some_and(|m| m.columns.contains_key(&field)) => {
                    index[field.index()] = Some(i);
                    if unit_hints[field.index()].is_none() {
                        unit_hints[field.index()] = unit_hint_of(f, field);
                    }
                }
                Some(field) if mapping.is_some_and(|m| m.removes(field)) => unmapped.push(headers[i].clone()),
                Some(_) => duplicates.push(headers[i].clone()),
                None => unmapped.push(headers[i].clone()),
            }
        }
        let mut set_aside = Vec::new();
        if index[Field::Handle.index()].is_some() {
            shopify_columns(&folded, &headers, mapping, &mut index, &mut unmapped, &mut set_aside);
        }
        let mut names: [Option<Arc<str>>; FIELD_COUNT] = Default::default();
        for f in Field::ALL {
            if let Some(i) = index[f.index()] {
                let h = headers[i].trim();
                names[f.index()] = Some(Arc::from(if h.is_empty() { f.name() } else { h }));
            }
        }
        Ok(ColumnMap { headers, index, names, unit_hints, unmapped, duplicates, dosage_form_by_values: None, set_aside })
    }

    pub fn has(&self, f: Field) -> bool {
        self.index[f.index()].is_some()
    }

    /// The note for the run about each set-aside column, naming the mapping that reads it: a
    /// report that asks for a certifications column must not leave the user unaware of `Tags`.
    pub fn set_aside_notes(&self, shown: &str) -> Vec<String> {
        self.set_aside
            .iter()
            .map(|(h, f)| {
                format!(
                    "{shown}: column \"{h}\" is not read as {} (a Shopify export's tags are marketing labels); if it holds the seals, map it: [columns] {} = \"{h}\"",
                    f.name(),
                    f.name()
                )
            })
            .collect()
    }

    /// The column name for evidence: the header as written, or the field name.
    pub fn name(&self, f: Field) -> Arc<str> {
        self.names[f.index()].clone().unwrap_or_else(|| Arc::from(f.name()))
    }

    /// True when the record can be identified: `sku` or `product` is mapped.
    pub fn is_usable(&self) -> bool {
        self.has(Field::Sku) || self.has(Field::Product)
    }

    /// The columns whose values may make them the dosage form (SPEC §4): every column mapped to
    /// no field, when no header says "form" and the mapping file neither names nor removes
    /// `dosage_form`; `None` when there is nothing to look at.
    pub fn dosage_form_candidates(&self, mapping: Option<&Mapping>) -> Option<Vec<usize>> {
        if self.has(Field::DosageForm) || mapping.is_some_and(|m| m.columns.contains_key(&Field::DosageForm)) {
            return None;
        }
        let candidates: Vec<usize> = (0..self.headers.len()).filter(|i| !self.index.contains(&Some(*i))).collect();
        (!candidates.is_empty()).then_some(candidates)
    }

    /// Maps `dosage_form` to the first of `candidates` most of whose non-empty values in `sample`
    /// (the first data rows, cells in column order) are dosage forms ("Softgels", "60 Kapseln").
    pub fn dosage_form_from_values(&mut self, candidates: &[usize], sample: &[Vec<String>]) {
        for &i in candidates {
            let values = sample.iter().filter_map(|r| r.get(i)).map(|v| v.trim()).filter(|v| !v.is_empty());
            let (forms, n) = values.fold((0u32, 0u32), |(f, n), v| (f + u32::from(is_dosage_form_value(v)), n + 1));
            if n > 0 && forms * 2 > n {
                let f = Field::DosageForm.index();
                self.index[f] = Some(i);
                let h = self.headers[i].trim();
                self.names[f] = Some(Arc::from(if h.is_empty() { Field::DosageForm.name() } else { h }));
                if let Some(p) = self.unmapped.iter().position(|u| *u == self.headers[i]) {
                    self.unmapped.remove(p);
                } else if let Some(p) = self.duplicates.iter().position(|u| *u == self.headers[i]) {
                    self.duplicates.remove(p);
                }
                self.dosage_form_by_values = Some((forms, n));
                return;
            }
        }
    }
}

/// Word stems of dosage forms, folded (English, German, French, Spanish, Italian).
const DOSAGE_STEMS: &[&str] = &[
    "softgel",
    "capsul",
    "kapsel",
    "gelcap",
    "vcap",
    "vegcap",
    "caplet",
    "tablet",
    "comprim",
    "liquid",
    "flussig",
    "fluessig",
    "liquide",
    "drop",
    "tropfen",
    "goutte",
    "gocce",
    "gotas",
    "gumm",
    "chewable",
    "kautablett",
    "lozenge",
    "lutsch",
    "pastill",
    "powder",
    "pulver",
    "poudre",
    "polvo",
    "spray",
];

/// Whole words that are dosage forms.
const DOSAGE_WORDS: &[&str] = &["caps", "tabs", "tab", "chews", "chew", "gels", "perlen"];

/// True for a short value that names a dosage form: at most 4 words, one of them a dosage form
/// ("Softgels", "60 Kapseln", "Liquid drops"); a category path or a sentence is not.
pub fn is_dosage_form_value(v: &str) -> bool {
    let words: Vec<String> = v.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(fold_header).collect();
    words.len() <= 4 && words.iter().any(|w| DOSAGE_WORDS.contains(&w.as_str()) || DOSAGE_STEMS.iter().any(|s| w.contains(s)))
}

/// A Shopify product export (it has a `Handle`): `Vendor` is the brand; `Tags` (marketing
/// labels) are not certifications, so they are left unmapped unless the mapping file names them.
fn shopify_columns(
    folded: &[String],
    headers: &[String],
    mapping: Option<&Mapping>,
    index: &mut [Option<usize>; FIELD_COUNT],
    unmapped: &mut Vec<String>,
    set_aside: &mut Vec<(String, Field)>,
) {
    let named = |f: Field| mapping.is_some_and(|m| m.columns.contains_key(&f));
    let from = |index: &[Option<usize>; FIELD_COUNT], f: Field, word: &str| index[f.index()].filter(|&i| folded[i] == word);
    if !named(Field::Supplier)
        && !named(Field::Brand)
        && index[Field::Brand.index()].is_none()
        && let Some(i) = from(index, Field::Supplier, "vendor")
    {
        index[Field::Supplier.index()] = None;
        index[Field::Brand.index()] = Some(i);
    }
    if !named(Field::Certifications)
        && let Some(i) = from(index, Field::Certifications, "tags")
    {
        index[Field::Certifications.index()] = None;
        unmapped.push(headers[i].clone());
        set_aside.push((headers[i].clone(), Field::Certifications));
    }
}

fn quote_list(items: &[String]) -> String {
    items.iter().map(|h| format!("\"{h}\"")).collect::<Vec<_>>().join(", ")
}

/// Finds the field a folded header stands for: exact synonym first, then a few patterns
/// (`vitamin d3 (iu)` folds to `vitamind3iu`, a synonym; `vitamin d3 per serving (mcg)` needs the
/// prefix rule).
fn match_field(folded: &str) -> Option<Field> {
    if folded.is_empty() {
        return None;
    }
    for f in Field::ALL {
        if f.synonyms().contains(&folded) {
            return Some(f);
        }
    }
    // Prefix patterns for amount and form columns with decorations.
    let strip_units = |s: &str| -> String {
        let mut s = s.to_string();
        for suffix in ["perserving", "amount", "iu", "ie", "ui", "mcg", "ug", "µg", "μg", "mg", "dose"] {
            if let Some(x) = s.strip_suffix(suffix) {
                s = x.to_string();
            }
        }
        s
    };
    let core = strip_units(folded);
    if core != folded {
        for f in [Field::VitaminD, Field::VitaminK] {
            if f.synonyms().contains(&core.as_str()) {
                return Some(f);
            }
        }
    }
    price_with_currency(folded)
}

/// Currency and tax words a shop appends to its price header, folded: `Preis (EUR)`,
/// `Цена, руб.`, `Cena brutto (zł)`, `Prix TTC`.
const PRICE_DECORATIONS: &[&str] = &[
    "eur", "euro", "usd", "gbp", "chf", "pln", "zł", "czk", "kč", "rub", "руб", "brutto", "netto", "inklmwst", "mwst", "inclvat", "vat",
    "ttc", "iva",
];

/// A price header with its currency or tax basis appended: the price column.
fn price_with_currency(folded: &str) -> Option<Field> {
    let mut core = folded;
    while let Some(rest) = PRICE_DECORATIONS.iter().find_map(|d| core.strip_suffix(d).filter(|r| !r.is_empty())) {
        core = rest;
        if Field::Price.synonyms().contains(&core) {
            return Some(Field::Price);
        }
    }
    None
}

/// A column mapping file (SPEC §4):
/// ```toml
/// [columns]
/// sku = "Item #"
/// vitamin_d = "D3 (IU)"
/// [units]            # optional: the unit of bare numbers in an amount column
/// vitamin_d = "IU"
/// [suppliers]        # optional: other spellings of one supplier (SPEC §10)
/// "Carlson Labs" = ["Carlson", "J.R. Carlson Laboratories"]
/// ```
#[derive(Debug, Clone, Default)]
pub struct Mapping {
    pub path: String,
    pub columns: BTreeMap<Field, String>,
    pub units: BTreeMap<Field, UnitHint>,
    /// `[suppliers]`: the spellings each supplier name joins.
    pub suppliers: SupplierAliases,
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MappingFile {
    #[serde(default)]
    columns: BTreeMap<String, String>,
    #[serde(default)]
    units: BTreeMap<String, String>,
    #[serde(default)]
    suppliers: SuppliersTable,
}

impl Mapping {
    pub fn load(path: &Path) -> Result<Mapping, Error> {
        let source = std::fs::read_to_string(path).map_err(|e| Error::io(path, "cannot read the mapping file", e))?;
        Mapping::parse(&path.display().to_string(), &source)
    }

    pub fn parse(path: &str, source: &str) -> Result<Mapping, Error> {
        let file: MappingFile = toml::from_str(source)
            .map_err(|e| Error::Mapping { path: path.to_string(), problems: vec![crate::error::toml_problem(source, &e)] })?;
        let mut problems = Vec::new();
        let mut columns = BTreeMap::new();
        let mut units = BTreeMap::new();
        let locate = |needle: &str| crate::error::line_col_of_key(source, needle);
        for (k, v) in file.columns {
            match Field::from_name(&k) {
                Some(f) => {
                    columns.insert(f, v);
                }
                None => {
                    let (line, column) = locate(&k);
                    problems.push(ConfigProblem {
                        line,
                        column,
                        message: format!(
                            "unknown field `{k}` in [columns]; expected one of: {}",
                            Field::ALL[..FIELD_COUNT].iter().map(|f| f.name()).collect::<Vec<_>>().join(", ")
                        ),
                    });
                }
            }
        }
        for (k, v) in file.units {
            let (line, column) = locate(&k);
            let field = match Field::from_name(&k) {
                Some(f @ (Field::VitaminD | Field::VitaminK)) => f,
                _ => {
                    problems.push(ConfigProblem { line, column, message: format!("[units] takes `vitamin_d` or `vitamin_k`, not `{k}`") });
                    continue;
                }
            };
            let unit = match v.to_ascii_lowercase().as_str() {
                "iu" | "ie" | "ui" => UnitHint::Iu,
                "mcg" | "ug" | "µg" | "μg" => UnitHint::Mcg,
                "mg" => UnitHint::Mg,
                _ => {
                    problems.push(ConfigProblem { line, column, message: format!("unit `{v}` for `{k}`: expected IU, mcg or mg") });
                    continue;
                }
            };
            units.insert(field, unit);
        }
        let suppliers = SupplierAliases::resolve(source, file.suppliers).unwrap_or_else(|p| {
            problems.extend(p);
            SupplierAliases::default()
        });
        if !problems.is_empty() {
            return Err(Error::Mapping { path: path.to_string(), problems });
        }
        Ok(Mapping { path: path.to_string(), columns, units, suppliers, source: source.to_string() })
    }

    /// True when the mapping says `field = ""`: no column is this field, not even by detection.
    pub fn removes(&self, field: Field) -> bool {
        self.columns.get(&field).is_some_and(|h| h.trim().is_empty())
    }

    fn line_of(&self, header: &str) -> Option<usize> {
        self.source.lines().position(|l| l.contains(&format!("\"{header}\""))).map(|i| i + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(headers: &[&str]) -> ColumnMap {
        ColumnMap::resolve(headers.iter().map(|s| s.to_string()).collect(), None).unwrap()
    }

    #[test]
    fn synonyms_match_case_space_punctuation_insensitively() {
        let cases: &[(&str, Field)] = &[
            ("Item #", Field::Sku),
            ("SKU", Field::Sku),
            ("item_id", Field::Sku),
            ("Artikelnummer", Field::Sku),
            ("Артикул", Field::Sku),
            ("Название", Field::Product),
            ("Nazwa produktu", Field::Product),
            ("Продавец", Field::Supplier),
            ("Состав", Field::Ingredients),
            ("Składniki", Field::Ingredients),
            ("Предупреждения", Field::Warnings),
            ("Avertissements", Field::Warnings),
            ("Форма выпуска", Field::DosageForm),
            ("Лекарственная форма", Field::DosageForm),
            ("Μορφή", Field::DosageForm),
            ("Προειδοποιήσεις", Field::Warnings),
            ("Меры предосторожности", Field::Warnings),
            ("Title", Field::Product),
            ("Product Name", Field::Product),
            ("Bezeichnung", Field::Product),
            ("Brand", Field::Brand),
            ("Vendor", Field::Supplier),
            ("Long Description", Field::Description),
            ("D3 (IU)", Field::VitaminD),
            ("Vitamin D3 per serving (mcg)", Field::VitaminD),
            ("Vitamin K2 (mcg)", Field::VitaminK),
            ("K2 Form", Field::VitaminKForm),
            ("Vitamin D Form", Field::VitaminDForm),
            ("Dosage Form", Field::DosageForm),
            ("Serving Size", Field::ServingSize),
            ("Servings Per Day", Field::ServingsPerDay),
            ("Other Ingredients", Field::OtherIngredients),
            ("Supplement Facts", Field::Ingredients),
            ("Badges", Field::Certifications),
            ("Warnings", Field::Warnings),
            ("Suggested Use", Field::Directions),
            ("EAN", Field::Gtin),
            ("Preis", Field::Price),
            ("URL", Field::Url),
            // Seen in the merchandiser's trial exports (fixtures/trial/, issue 23).
            ("Preis (EUR)", Field::Price),
            ("Цена, руб.", Field::Price),
            ("Cena brutto (zł)", Field::Price),
            ("Prix TTC", Field::Price),
            ("VK-Preis inkl. MwSt.", Field::Price),
            ("Противопоказания", Field::Warnings),
            ("Przeciwwskazania", Field::Warnings),
            ("Gegenanzeigen", Field::Warnings),
            ("Способ применения", Field::Directions),
            ("Sposób użycia", Field::Directions),
            ("Einnahmeempfehlung", Field::Directions),
            ("Mode d'emploi", Field::Directions),
            ("Штрихкод", Field::Gtin),
            ("EAN-Code", Field::Gtin),
            ("Kod EAN", Field::Gtin),
            ("Zusammensetzung", Field::Ingredients),
            ("Nährwertangaben", Field::Ingredients),
            ("Kurzbeschreibung", Field::Description),
            ("item_group_id", Field::Handle),
            ("g:brand", Field::Brand),
            ("g:price", Field::Price),
            ("G:GTIN", Field::Gtin),
        ];
        for (h, f) in cases {
            let m = map(&[h]);
            assert_eq!(m.index[f.index()], Some(0), "header {h:?} should map to {}", f.name());
        }
    }

    #[test]
    fn only_a_price_word_with_a_currency_or_tax_suffix_is_the_price() {
        // (case, header, field it maps to)
        let cases: &[(&str, &str, Option<Field>)] = &[
            ("currency in parentheses", "Preis (EUR)", Some(Field::Price)),
            ("currency after a comma", "Цена, руб.", Some(Field::Price)),
            ("tax word then currency", "Cena brutto (zł)", Some(Field::Price)),
            ("tax basis spelled out", "VK-Preis inkl. MwSt.", Some(Field::Price)),
            ("unit price per 100 ml is not the price", "Grundpreis", None),
            ("a purchase price is not the retail price", "Einkaufspreis netto", None),
            ("a currency alone", "EUR", None),
            ("a tax rate alone", "MwSt", None),
            ("a price group", "Preisgruppe", None),
        ];
        for (case, h, want) in cases {
            let m = map(&["SKU", h]);
            let got = Field::ALL.into_iter().find(|f| m.index[f.index()] == Some(1));
            assert_eq!(got, *want, "{case}: {h:?}");
        }
    }

    #[test]
    fn synonyms_are_folded_and_name_one_field_each() {
        let mut seen = BTreeMap::new();
        for (f, words) in SYNONYMS {
            for &w in words {
                assert_eq!(fold_header(w), w, "synonym of {} is not folded", f.name());
                if let Some(g) = seen.insert(w, f) {
                    panic!("{w:?} is a synonym of both {} and {}", g.name(), f.name());
                }
            }
        }
    }

    #[test]
    fn unit_hints_come_from_headers() {
        let m = map(&["SKU", "D3 (IU)", "K2 mcg"]);
        assert_eq!(m.unit_hints[Field::VitaminD.index()], Some(UnitHint::Iu));
        assert_eq!(m.unit_hints[Field::VitaminK.index()], Some(UnitHint::Mcg));
    }

    #[test]
    fn first_column_wins_and_rest_are_reported() {
        let m = map(&["SKU", "Item #", "Colour"]);
        assert_eq!(m.index[Field::Sku.index()], Some(0));
        assert_eq!(m.duplicates, vec!["Item #".to_string()]);
        assert_eq!(m.unmapped, vec!["Colour".to_string()]);
    }

    #[test]
    fn mapping_file_overrides_detection() {
        let mp = Mapping::parse("m.toml", "[columns]\nsku = \"Code X\"\nvitamin_d = \"Dee\"\n[units]\nvitamin_d = \"IU\"\n").unwrap();
        let m = ColumnMap::resolve(vec!["SKU".into(), "Code X".into(), "Dee".into()], Some(&mp)).unwrap();
        assert_eq!(m.index[Field::Sku.index()], Some(1));
        assert_eq!(m.index[Field::VitaminD.index()], Some(2));
        assert_eq!(m.unit_hints[Field::VitaminD.index()], Some(UnitHint::Iu));
    }

    #[test]
    fn mapping_file_can_remove_an_automatic_match() {
        // (case, mapping, headers, field, expected column)
        type Case<'a> = (&'a str, &'a str, &'a [&'a str], Field, Option<usize>);
        let cases: &[Case] = &[
            ("tags are not certifications", "[columns]\ncertifications = \"\"\n", &["SKU", "Tags"], Field::Certifications, None),
            ("type is not a dosage form", "[columns]\ndosage_form = \"\"\n", &["SKU", "Type", "Form"], Field::DosageForm, None),
            ("blank counts as empty", "[columns]\nbrand = \"  \"\n", &["SKU", "Brand"], Field::Brand, None),
            ("other fields still detected", "[columns]\ncertifications = \"\"\n", &["SKU", "Tags"], Field::Sku, Some(0)),
            (
                "a named column still wins",
                "[columns]\ncertifications = \"Seals\"\n",
                &["SKU", "Tags", "Seals"],
                Field::Certifications,
                Some(2),
            ),
        ];
        for (name, toml, headers, field, want) in cases {
            let mp = Mapping::parse("m.toml", toml).unwrap();
            let m = ColumnMap::resolve(headers.iter().map(|s| s.to_string()).collect(), Some(&mp)).unwrap();
            assert_eq!(m.index[field.index()], *want, "{name}");
        }
        let mp = Mapping::parse("m.toml", "[columns]\ncertifications = \"\"\n").unwrap();
        let m = ColumnMap::resolve(vec!["SKU".into(), "Tags".into()], Some(&mp)).unwrap();
        assert_eq!(m.unmapped, vec!["Tags".to_string()], "a removed match is listed as unmapped, not as a duplicate");
    }

    #[test]
    fn shopify_exports_map_vendor_to_brand_and_leave_tags_and_type() {
        let shopify = ["Handle", "Title", "Body (HTML)", "Vendor", "Type", "Tags", "Variant SKU", "Variant Barcode", "Image Src"];
        let cases: &[(&str, Field, Option<usize>)] = &[
            ("handle", Field::Handle, Some(0)),
            ("title", Field::Product, Some(1)),
            ("body", Field::Description, Some(2)),
            ("vendor is the brand", Field::Brand, Some(3)),
            ("no supplier column (it falls back to the brand)", Field::Supplier, None),
            ("type is not a dosage form", Field::DosageForm, None),
            ("tags are not certifications", Field::Certifications, None),
            ("variant sku", Field::Sku, Some(6)),
            ("variant barcode", Field::Gtin, Some(7)),
        ];
        let m = map(&shopify);
        for (name, f, want) in cases {
            assert_eq!(m.index[f.index()], *want, "{name}");
        }
        assert!(m.unmapped.contains(&"Tags".to_string()) && m.unmapped.contains(&"Type".to_string()), "{:?}", m.unmapped);
        // Without a Handle, Vendor is still the supplier and Tags are read for certifications.
        let plain = map(&["SKU", "Vendor", "Tags", "Type"]);
        assert_eq!(plain.index[Field::Supplier.index()], Some(1));
        assert_eq!(plain.index[Field::Certifications.index()], Some(2));
        assert_eq!(plain.index[Field::DosageForm.index()], None, "a Type header is not a dosage form");
        assert!(plain.set_aside_notes("x.csv").is_empty());
        // The Shopify export says so, with the mapping that reads Tags.
        let notes = map(&shopify).set_aside_notes("x.csv");
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(
            notes[0].contains("column \"Tags\" is not read as certifications") && notes[0].contains("[columns] certifications = \"Tags\"")
        );
        // A mapping file that names Tags keeps it, and there is nothing to say.
        let mp = Mapping::parse("m.toml", "[columns]\ncertifications = \"Tags\"\n").unwrap();
        let m = ColumnMap::resolve(shopify.iter().map(|s| s.to_string()).collect(), Some(&mp)).unwrap();
        assert_eq!(m.index[Field::Certifications.index()], Some(5));
        assert!(m.set_aside_notes("x.csv").is_empty());
    }

    #[test]
    fn dosage_form_values() {
        let cases: &[(&str, &str, bool)] = &[
            ("plural", "Softgels", true),
            ("count and form", "60 Softgels", true),
            ("german", "120 Weichkapseln", true),
            ("drops", "Liquid drops", true),
            ("gummies", "Gummies", true),
            ("caps", "90 veg caps", true),
            ("category path", "Health & Beauty > Health Care > Fitness & Nutrition > Vitamins & Supplements", false),
            ("category", "Vitamins & Supplements", false),
            ("shop type", "Vitamin D", false),
            ("sentence", "Vitamin D3 and K2 in easy to swallow softgels", false),
            ("empty", "", false),
        ];
        for (name, v, want) in cases {
            assert_eq!(is_dosage_form_value(v), *want, "{name}: {v:?}");
        }
    }

    #[test]
    fn dosage_form_is_mapped_from_a_header_that_says_so_or_from_its_values() {
        let rows = |vals: &[&str]| -> Vec<Vec<String>> { vals.iter().map(|v| vec!["A".to_string(), "x".into(), v.to_string()]).collect() };
        // (case, headers, sampled values of the third column, mapping file, expected column)
        type Case<'a> = (&'a str, [&'a str; 3], &'a [&'a str], &'a str, Option<usize>);
        let cases: &[Case] = &[
            ("a form header", ["SKU", "Title", "Darreichungsform"], &["Kapseln"], "", Some(2)),
            ("a form header, whatever its values", ["SKU", "Title", "Form"], &["n/a", "?"], "", Some(2)),
            (
                "product_type with categories",
                ["id", "title", "product_type"],
                &["Health & Beauty > Vitamins & Supplements", "Vitamins & Supplements"],
                "",
                None,
            ),
            ("type with forms", ["SKU", "Title", "Type"], &["Softgels", "Capsules", "", "Vitamin D"], "", Some(2)),
            ("category with half forms", ["SKU", "Title", "Category"], &["Softgels", "Vitamins"], "", None),
            ("no values", ["SKU", "Title", "Type"], &["", ""], "", None),
            ("the mapping file removes it", ["SKU", "Title", "Type"], &["Softgels"], "[columns]\ndosage_form = \"\"\n", None),
        ];
        for (name, headers, values, toml, want) in cases {
            let mp = (!toml.is_empty()).then(|| Mapping::parse("m.toml", toml).unwrap());
            let mut m = ColumnMap::resolve(headers.iter().map(|s| s.to_string()).collect(), mp.as_ref()).unwrap();
            if let Some(c) = m.dosage_form_candidates(mp.as_ref()) {
                m.dosage_form_from_values(&c, &rows(values));
            }
            assert_eq!(m.index[Field::DosageForm.index()], *want, "{name}");
            if want.is_some() {
                assert!(!m.unmapped.iter().any(|h| h == headers[2]), "{name}: {:?}", m.unmapped);
            }
        }
    }

    #[test]
    fn mapping_file_errors_name_the_line() {
        let err = Mapping::parse("m.toml", "[columns]\nsku = \"A\"\nvitamin_x = \"B\"\n").unwrap_err();
        let text = err.to_string();
        assert!(text.contains("m.toml:3"), "{text}");
        assert!(text.contains("vitamin_x"), "{text}");
        let err = ColumnMap::resolve(vec!["SKU".into()], Some(&Mapping::parse("m.toml", "[columns]\nproduct = \"Nope\"\n").unwrap()))
            .unwrap_err()
            .to_string();
        assert!(err.contains("Nope") && err.contains("m.toml:2"), "{err}");
    }
}
