#!/usr/bin/env python3
"""Writes the merchandiser's trial exports (issue 23) from one list of real D3+K2 products.

  fixtures/trial/shopify-products.csv   Shopify "Export products" CSV: variants, image-only rows,
                                        the label panel inside Body (HTML), no warnings column,
                                        vendor spelled two ways
  fixtures/trial/merchant-center.tsv    Google Merchant Center feed (tab separated, unquoted):
                                        one item per size, product_type "Health > Vitamins ..."
  fixtures/trial/de-shop-export.csv     German shop export: Windows-1252, ';', CRLF, decimal commas,
                                        a title row and an empty line above the German header,
                                        some empty Warnhinweise / Inhaltsstoffe cells
  fixtures/trial/ru-storefront.csv      Russian marketplace export: UTF-8 with BOM, ',', Cyrillic
                                        headers and label text (МЕ, мкг)

Label facts follow the brands' public label panels as retailers reproduce them (see
fixtures/trial/README.md for what was approximated or invented). Run from the repository root:
python3 scripts/make-trial-fixtures.py (the files are committed; the output is byte-reproducible).
"""
import csv, io

# ---------------------------------------------------------------------------------------------
# Products. key, brand, vendor spellings (first = usual), title, form (en), sizes [(label, count,
# price USD)], facts panel lines, other ingredients, directions, warnings ("" = the page omits
# them), claims, description sentence.
# ---------------------------------------------------------------------------------------------
W_SR = ("Consult your physician before use if you are pregnant, nursing, taking any medications, "
        "especially anticoagulant (blood thinning) medications, or have a medical condition.")
W_NOW = ("For adults only. Consult physician if pregnant/nursing, taking medication, or have a medical "
         "condition. Individuals taking anticoagulant medications (e.g. warfarin) should consult their "
         "physician before taking this product. Keep out of reach of children.")
W_THORNE = ("If pregnant or considering pregnancy, consult your health-care practitioner before using this "
            "product. Individuals taking anticoagulant medications should consult a health-care "
            "practitioner before taking this product.")
W_LE = ("Caution: If you are taking anticoagulant medications (blood thinners), or have a blood clotting "
        "disorder, consult your healthcare provider before taking this product. Individuals consuming "
        "more than 2000 IU/day of vitamin D (from diet and supplements) should periodically obtain a serum "
        "25-hydroxy vitamin D measurement.")
W_PLAIN = "Keep out of reach of children. Do not exceed the recommended dose. Store in a cool, dry place."
W_MERC = ("Consult your healthcare practitioner before use if you are pregnant, nursing, or taking "
          "Coumadin (warfarin) or any other blood-thinning medication.")

P = [
 dict(key="sr-d3k2", brand="Sports Research", vendors=["Sports Research"], title="Vitamin D3 + K2 with Organic Coconut Oil",
      form="Softgels", sizes=[("60 Softgels", 60, "19.95"), ("180 Softgels", 180, "39.95")],
      panel=["Serving Size: 1 Softgel", "Vitamin D3 (as Cholecalciferol) 125 mcg (5,000 IU)", "Vitamin K2 (as Menaquinone-7) (MenaQ7®) 100 mcg"],
      other="Organic Extra Virgin Coconut Oil, Softgel (Bovine Gelatin, Vegetable Glycerin, Purified Water)",
      directions="Take 1 softgel daily with food.", warnings=W_SR,
      claims="Non-GMO Project Verified; Third Party Tested; Gluten Free", blurb="Plant-based MK-7 paired with D3 in organic coconut oil."),
 dict(key="sr-vegan", brand="Sports Research", vendors=["Sports Research"], title="Vegan Vitamin D3 + K2",
      form="Veggie Softgels", sizes=[("60 Veggie Softgels", 60, "24.95")],
      panel=["Serving Size: 1 Veggie Softgel", "Vitamin D3 (as Cholecalciferol from Lichen) 125 mcg (5,000 IU)", "Vitamin K2 (as Menaquinone-7) 100 mcg"],
      other="Organic Coconut Oil, Veggie Softgel (Tapioca Starch, Vegetable Glycerin, Carrageenan, Purified Water)",
      directions="Take 1 softgel daily with a meal.", warnings=W_SR,
      claims="Certified Vegan; Non-GMO Project Verified", blurb="Lichen-sourced D3 for plant-based diets."),
 dict(key="now-d3k2", brand="NOW Foods", vendors=["NOW Foods", "Now Foods"], title="Vitamin D-3 & K-2",
      form="Veg Capsules", sizes=[("120 Veg Capsules", 120, "11.99")],
      panel=["Serving Size: 1 Veg Capsule", "Vitamin D3 (as Cholecalciferol) 25 mcg (1,000 IU)", "Vitamin K2 (as Menaquinone-4) 45 mcg"],
      other="Rice Flour, Hypromellose (cellulose capsule), Magnesium Stearate (vegetable source) and Silicon Dioxide.",
      directions="Take 1 capsule 1 to 2 times daily with food.", warnings=W_NOW,
      claims="GMP Quality Assured; Vegan; Soy Free", blurb="Supports healthy bones and calcium utilization."),
 dict(key="now-liquid", brand="NOW Foods", vendors=["Now Foods"], title="Liquid Vitamin D-3 & MK-7",
      form="Liquid", sizes=[("1 fl oz (30 ml)", 1, "13.99")],
      panel=["Serving Size: 6 drops (0.2 ml)", "Vitamin D3 (as Cholecalciferol) 25 mcg (1,000 IU)", "Vitamin K2 (as Menaquinone-7) 110 mcg"],
      other="Medium Chain Triglycerides (from coconut oil) and Mixed Tocopherols.",
      directions="Take 6 drops daily, preferably with a meal.", warnings=W_NOW,
      claims="GMP Quality Assured; Non-GMO", blurb="Convenient liquid form."),
 dict(key="now-mk7", brand="NOW Foods", vendors=["NOW Foods"], title="MK-7 Vitamin K-2 100 mcg",
      form="Veg Capsules", sizes=[("60 Veg Capsules", 60, "14.99"), ("120 Veg Capsules", 120, "26.99")],
      panel=["Serving Size: 1 Veg Capsule", "Vitamin K2 (as Menaquinone-7) (MenaQ7®) 100 mcg"],
      other="Rice Flour and Hypromellose (cellulose capsule).",
      directions="Take 1 capsule daily with food.", warnings=W_NOW,
      claims="GMP Quality Assured", blurb="Natural MK-7 from chickpea fermentation."),
 dict(key="thorne-dk2", brand="Thorne", vendors=["Thorne"], title="Vitamin D + K2 Liquid",
      form="Liquid", sizes=[("1 fl oz (30 ml)", 1, "27.00")],
      panel=["Serving Size: 2 Drops", "Vitamin D3 (as Cholecalciferol) 25 mcg (1,000 IU)", "Vitamin K2 (as Menatetrenone) 200 mcg"],
      other="Medium Chain Triglycerides, Mixed Tocopherols.",
      directions="Take 2 drops one to three times daily or as recommended by your health-care professional.", warnings=W_THORNE,
      claims="NSF Certified for Sport; Gluten Free", blurb="D3 and MK-4 in an easy-to-take liquid."),
 dict(key="thorne-d5k2", brand="Thorne", vendors=["Thorne Research", "Thorne"], title="Vitamin D-5000 with K2",
      form="Capsules", sizes=[("60 Capsules", 60, "24.00")],
      panel=["Serving Size: 1 Capsule", "Vitamin D3 (as Cholecalciferol) 125 mcg (5,000 IU)", "Vitamin K2 (as Menaquinone-4) 1 mg"],
      other="Microcrystalline Cellulose, Hypromellose (capsule), Leucine, Silicon Dioxide.",
      directions="Take 1 capsule daily or as recommended by your health-care professional.", warnings="",
      claims="NSF Certified for Sport", blurb="High-potency D3 with K2."),
 dict(key="le-seaiodine", brand="Life Extension", vendors=["Life Extension"], title="Vitamins D and K with Sea-Iodine",
      form="Capsules", sizes=[("60 Capsules", 60, "18.00")],
      panel=["Serving Size: 1 Capsule", "Vitamin D3 (as cholecalciferol) 125 mcg (5,000 IU)", "Vitamin K1 (as phytonadione) 1000 mcg",
             "Vitamin K2 (as menaquinone-4) 1000 mcg", "Vitamin K2 (as trans menaquinone-7) 200 mcg", "Iodine (from kelp, potassium iodide, sodium iodide) 1000 mcg"],
      other="Rice flour, vegetable cellulose (capsule), vegetable stearate, silica.",
      directions="Take one (1) capsule daily with food, or as recommended by a healthcare practitioner.", warnings=W_LE,
      claims="Non-GMO; Gluten Free; Certificate of Analysis available", blurb="Bone, arterial and thyroid support."),
 dict(key="le-superk", brand="Life Extension", vendors=["Life Extension"], title="Super K",
      form="Softgels", sizes=[("90 Softgels", 90, "24.00")],
      panel=["Serving Size: 1 Softgel", "Vitamin K1 (as phytonadione) 1500 mcg", "Vitamin K2 (as menaquinone-4) 1000 mcg", "Vitamin K2 (as trans menaquinone-7) 200 mcg"],
      other="Extra virgin olive oil, gelatin, glycerin, purified water, sunflower lecithin, beeswax.",
      directions="Take one (1) softgel daily with food.", warnings=W_LE.split(" Individuals")[0],
      claims="Non-GMO", blurb="Three forms of vitamin K in one softgel."),
 dict(key="db-k2", brand="Doctor's Best", vendors=["Doctor's Best", "Doctors Best"], title="Natural Vitamin K2 MK-7 with MenaQ7",
      form="Veggie Caps", sizes=[("60 Veggie Caps", 60, "15.99")],
      panel=["Serving Size: 1 Veggie Cap", "Vitamin K2 (as Menaquinone-7) (MenaQ7®) 45 mcg"],
      other="Microcrystalline cellulose, modified cellulose (vegetarian capsule).",
      directions="Take 1 capsule daily with food.", warnings="",
      claims="Non-GMO; Gluten Free; Soy Free; Vegan", blurb="Natural all-trans MK-7."),
 dict(key="gol-spray", brand="Garden of Life", vendors=["Garden of Life"], title="mykind Organics Vegan D3 Spray",
      form="Spray", sizes=[("58 ml", 1, "17.99")],
      panel=["Serving Size: 1 Spray", "Vitamin D3 (as cholecalciferol from lichen) 25 mcg (1,000 IU)"],
      other="Organic Glycerin, Purified Water, Organic Sunflower Oil, Organic Peppermint Oil.",
      directions="Shake well. Spray once daily into the mouth.", warnings=W_PLAIN,
      claims="USDA Organic; Non-GMO Project Verified; Certified Vegan", blurb="Whole-food vegan D3 spray."),
 dict(key="merc-d3k2", brand="Dr. Mercola", vendors=["Dr. Mercola", "Dr Mercola", "Mercola"], title="Vitamins D3 & K2",
      form="Capsules", sizes=[("30 Capsules", 30, "16.97"), ("90 Capsules", 90, "42.97")],
      panel=["Serving Size: 1 Capsule", "Vitamin D3 (as cholecalciferol) 125 mcg (5,000 IU)", "Vitamin K2 (as menaquinone-7) 180 mcg"],
      other="Hypromellose (capsule), Microcrystalline Cellulose, Sunflower Oil.",
      directions="Take one capsule per day with a meal containing fat.", warnings=W_MERC,
      claims="Non-GMO; Gluten Free; Third-Party Tested", blurb="D3 and K2 together for calcium balance."),
 dict(key="merc-lipo", brand="Dr. Mercola", vendors=["Dr Mercola"], title="Liposomal Vitamin D3 + K2",
      form="Capsules", sizes=[("30 Capsules", 30, "19.97")],
      panel=["Serving Size: 1 Capsule", "Vitamin D3 (as cholecalciferol) 125 mcg (5,000 IU)", "Vitamin K2 (as menaquinone-7) 150 mcg"],
      other="Sunflower Phospholipid Complex, Hypromellose, Medium Chain Triglycerides.",
      directions="Take one capsule daily.", warnings="",
      claims="Non-GMO", blurb="Liposomal delivery."),
 dict(key="carlson-d3k2", brand="Carlson", vendors=["Carlson Labs", "Carlson"], title="Super Daily D3 + K2",
      form="Liquid", sizes=[("10.3 ml", 1, "24.90")],
      panel=["Serving Size: 1 Drop", "Vitamin D3 (as cholecalciferol from lanolin) 50 mcg (2,000 IU)", "Vitamin K2 (as menaquinone-7) 90 mcg"],
      other="Medium chain triglycerides (from coconut oil).",
      directions="Take 1 drop daily with a meal. Place drop on a spoon or food.", warnings="",
      claims="Non-GMO; Gluten Free; Tested by an FDA-registered laboratory", blurb="One small drop a day."),
 dict(key="carlson-k2", brand="Carlson", vendors=["Carlson"], title="Vitamin K2 Menatetrenone 5 mg",
      form="Capsules", sizes=[("60 Capsules", 60, "22.50")],
      panel=["Serving Size: 1 Capsule", "Vitamin K2 (as menatetrenone) 5 mg"],
      other="Rice flour, gelatin, magnesium stearate.",
      directions="Take 1 capsule daily at mealtime.", warnings="Do not use if you are taking warfarin (Coumadin) or other anticoagulants.",
      claims="", blurb="MK-4 at a high dose."),
 dict(key="jarrow-mk7", brand="Jarrow Formulas", vendors=["Jarrow Formulas", "Jarrow"], title="MK-7 90 mcg",
      form="Softgels", sizes=[("60 Softgels", 60, "19.95"), ("120 Softgels", 120, "35.95")],
      panel=["Serving Size: 1 Softgel", "Vitamin K2 (as Menaquinone-7 from natto) 90 mcg"],
      other="Extra virgin olive oil, Softgel (gelatin, glycerin, water, annatto).",
      directions="Take 1 softgel per day with food.", warnings="If you are taking anticoagulant medication, consult your physician before use.",
      claims="Non-GMO", blurb="Long-acting natural K2."),
 dict(key="nm-d3", brand="Nature Made", vendors=["Nature Made"], title="Vitamin D3 5000 IU (125 mcg)",
      form="Softgels", sizes=[("90 Softgels", 90, "12.49")],
      panel=["Serving Size: 1 Softgel", "Vitamin D3 (as cholecalciferol) 125 mcg (5,000 IU)"],
      other="Soybean Oil, Gelatin, Glycerin, Water.",
      directions="Take 1 softgel daily with water and a meal.", warnings=W_PLAIN,
      claims="USP Verified; Gluten Free", blurb="Supports bone, teeth and immune health."),
 dict(key="solgar-k2", brand="Solgar", vendors=["Solgar"], title="Vitamin K2 (MK-7) 100 mcg",
      form="Vegetable Capsules", sizes=[("50 Vegetable Capsules", 50, "21.99")],
      panel=["Serving Size: 1 Vegetable Capsule", "Vitamin K2 (as menaquinone-7) 100 mcg"],
      other="Microcrystalline Cellulose, Vegetable Cellulose, Vegetable Magnesium Stearate.",
      directions="As a dietary supplement for adults, take one (1) vegetable capsule daily, preferably at mealtime.",
      warnings="If you are taking anticoagulant or blood-thinning medication, please consult your healthcare practitioner before taking this product.",
      claims="Kosher; Gluten Free; Vegan", blurb="Natural K2 from chickpeas."),
 dict(key="solgar-d3k2", brand="Solgar", vendors=["Solgar"], title="Vitamin D3 & K2 (MK-7)",
      form="Vegetable Capsules", sizes=[("60 Vegetable Capsules", 60, "24.99")],
      panel=["Serving Size: 1 Vegetable Capsule", "Vitamin D3 (as cholecalciferol) 25 mcg (1,000 IU)", "Vitamin K2 (as menaquinone-7) 50 mcg"],
      other="Microcrystalline Cellulose, Vegetable Cellulose, Vegetable Magnesium Stearate.",
      directions="Take one (1) vegetable capsule daily, preferably at mealtime.", warnings="",
      claims="Kosher; Gluten Free", blurb="D3 with natural K2."),
 dict(key="np-ultrak2", brand="Natures Plus", vendors=["NaturesPlus", "Natures Plus"], title="Ultra K2 with D3",
      form="Softgels", sizes=[("60 Softgels", 60, "29.95")],
      panel=["Serving Size: 1 Softgel", "Vitamin D3 (as cholecalciferol) 25 mcg (1,000 IU)", "Vitamin K2 (as menaquinone-7) 120 mcg", "Vitamin K2 (as menaquinone-4) 30 mcg"],
      other="Safflower oil, gelatin, glycerin, purified water.",
      directions="Take one softgel daily.", warnings=W_PLAIN,
      claims="Gluten Free", blurb="MK-7 and MK-4 with D3."),
 dict(key="cgn-d3k2", brand="California Gold Nutrition", vendors=["California Gold Nutrition"], title="Vitamin D3 + K2",
      form="Veggie Capsules", sizes=[("60 Veggie Capsules", 60, "9.00")],
      panel=["Serving Size: 1 Veggie Capsule", "Vitamin D3 (as cholecalciferol) 125 mcg (5,000 IU)", "Vitamin K2 (as menaquinone-7) 100 mcg"],
      other="Microcrystalline Cellulose, Hypromellose (vegetable capsule), Silicon Dioxide.",
      directions="Take 1 capsule daily with a meal, or as directed by a qualified healthcare professional.",
      warnings="Consult your healthcare professional before use if you are taking anticoagulants (blood thinners).",
      claims="Soy Free; Gluten Free; Non-GMO; Third-Party Tested", blurb="Budget D3 + K2."),
 dict(key="gnc-d3k2", brand="Nature's Bounty", vendors=["Nature's Bounty", "Natures Bounty"], title="Vitamin D3 + K2 Gummies",
      form="Gummies", sizes=[("50 Gummies", 50, "14.99")],
      panel=["Serving Size: 2 Gummies", "Vitamin D3 (as cholecalciferol) 25 mcg (1,000 IU)", "Vitamin K2 (as menaquinone-7) 45 mcg"],
      other="Glucose Syrup, Sugar, Water, Pectin, Citric Acid, Natural Flavors, Coconut Oil, Carnauba Wax.",
      directions="Adults: chew two (2) gummies daily.", warnings=W_PLAIN,
      claims="Gluten Free; No Artificial Flavors", blurb="Tasty gummies."),
 dict(key="now-d3", brand="NOW Foods", vendors=["NOW Foods"], title="Vitamin D-3 5,000 IU",
      form="Softgels", sizes=[("120 Softgels", 120, "9.99"), ("240 Softgels", 240, "16.99")],
      panel=["Serving Size: 1 Softgel", "Vitamin D3 (as Cholecalciferol) 125 mcg (5,000 IU)"],
      other="Extra Virgin Olive Oil and Softgel Capsule (bovine gelatin, glycerin, water).",
      directions="Take 1 softgel every other day with food.", warnings=W_NOW,
      claims="GMP Quality Assured", blurb="Highly absorbable D3 in olive oil."),
 dict(key="ho-mk7", brand="Healthy Origins", vendors=["Healthy Origins"], title="Vitamin K2 MK-7 100 mcg",
      form="Softgels", sizes=[("60 Softgels", 60, "17.49")],
      panel=["Serving Size: 1 Softgel", "Vitamin K2 (as MK-7 from Natto) 100 mcg"],
      other="Organic Extra Virgin Olive Oil, Softgel (gelatin, glycerin, purified water), Yellow Beeswax, Sunflower Lecithin.",
      directions="Take 1 softgel daily with food.", warnings="",
      claims="Non-GMO; Gluten Free", blurb="MenaQ7 natural MK-7."),
 dict(key="pe-d3liq", brand="Pure Encapsulations", vendors=["Pure Encapsulations"], title="Vitamin D3 Liquid",
      form="Liquid", sizes=[("22.5 ml", 1, "26.20")],
      panel=["Serving Size: 5 drops (0.1 ml)", "Vitamin D (as cholecalciferol from lichen) (D3) 25 mcg (1,000 IU)"],
      other="Medium chain triglycerides, alpha-tocopherol.",
      directions="5 drops daily, with a meal.", warnings="If pregnant or lactating, consult your health professional before use.",
      claims="Hypoallergenic; Gluten Free; Vegan", blurb="Vegan D3 from lichen (Vitashine)."),
 dict(key="gol-k2", brand="Garden of Life", vendors=["Garden of Life"], title="mykind Organics Vitamin K2 Spray",
      form="Spray", sizes=[("58 ml", 1, "21.99")],
      panel=["Serving Size: 3 Sprays", "Vitamin K2 (as menaquinone-7) 120 mcg"],
      other="Organic Glycerin, Purified Water, Organic Gum Arabic, Organic Peppermint Oil.",
      directions="Spray 3 times into the mouth daily.", warnings=W_PLAIN,
      claims="USDA Organic; Certified Vegan; Non-GMO Project Verified", blurb="Whole-food K2 spray."),
]

# German shop (Windows-1252): key, Hersteller, Lieferant, Bezeichnung, Darreichungsform,
# Inhaltsstoffe ("" = empty cell), Sonstige Zutaten, Verzehrempfehlung, Warnhinweise ("" = empty),
# Siegel, Inhalt, Preis (EUR, decimal comma).
WD_STD = ("Die angegebene empfohlene tägliche Verzehrmenge darf nicht überschritten werden. Außerhalb der "
          "Reichweite von kleinen Kindern lagern.")
WD_K = ("Personen, die gerinnungshemmende Medikamente (z. B. Marcumar) einnehmen, sollten vor dem Verzehr "
        "ärztlichen Rat einholen. " + WD_STD)
WD_K2 = "Nicht geeignet bei Einnahme von Antikoagulanzien vom Cumarin-Typ. " + WD_STD
DE = [
 ("DE-SN-1001", "Sunday Natural", "Sunday Natural Products GmbH", "Vitamin D3 + K2 MK-7 All-Trans Tropfen 1000 I.E.", "Tropfen",
  "Vitamin D3 (Cholecalciferol) 25 µg (1000 I.E.), Vitamin K2 (Menachinon-7, K2VITAL® DELTA) 50 µg pro 2 Tropfen", "MCT-Öl aus Kokos",
  "Täglich 2 Tropfen.", WD_K, "Laborgeprüft; vegan", "50 ml", "24,90"),
 ("DE-SN-1002", "Sunday Natural", "Sunday Natural Products GmbH", "Vitamin D3 + K2 Kapseln 2000 I.E. hochdosiert", "Kapseln",
  "", "Hydroxypropylmethylcellulose (Kapselhülle), Sonnenblumenöl", "1 Kapsel täglich.", WD_K, "Laborgeprüft", "120 Kapseln", "21,90"),
 ("DE-NT-2001", "Naturtreu", "Naturtreu GmbH", "Sonnenfreund Vitamin D3 + K2 Tropfen – 1000 I.E. + 20 µg K2", "Tropfen",
  "Pro Tropfen: Vitamin D3 25 µg (1000 I.E.), Vitamin K2 (Menachinon-7, K2VITAL®) 20 µg", "MCT-Öl aus Kokosnuss",
  "1 Tropfen täglich.", "", "vegan; laborgeprüft", "50 ml", "22,90"),
 ("DE-NT-2002", "Naturtreu", "naturtreu GmbH", "Sonnenfreund Vitamin D3 K2 Kapseln 2000 I.E.", "Kapseln",
  "Pro Kapsel: Vitamin D3 50 mcg (2000 I.E.), Vitamin K2 MK-7 100 mcg", "Olivenöl, Kapselhülle: Pullulan",
  "Alle 2 Tage 1 Kapsel.", WD_K, "vegan", "60 Kapseln", "19,90"),
 ("DE-DH-3001", "Doppelherz", "Queisser Pharma GmbH & Co. KG", "Doppelherz system VITAMIN D3 2000 I.E. + K2", "Tabletten",
  "Vitamin D3 50 µg, Vitamin K2 (Menachinon-7) 80 µg je Tablette", "Mikrokristalline Cellulose, Maltodextrin, Magnesiumsalze der Speisefettsäuren",
  "Täglich 1 Tablette mit Flüssigkeit.", WD_K, "", "60 Tabletten", "14,95"),
 ("DE-DH-3002", "Doppelherz", "Queisser Pharma", "Doppelherz aktiv Vitamin D3 1000 I.E. Depot", "Tabletten",
  "Vitamin D3 25 µg (1000 I.E.) je Tablette", "Calciumcarbonat, Cellulose", "1 Tablette täglich.", WD_STD, "", "45 Tabletten", "6,95"),
 ("DE-VB-4001", "Vitabay", "Vitabay CV", "Vitamin D3 + K2 MK7 Öl Tropfen 1000 IE", "Tropfen",
  "Vitamin D3 25 µg, Vitamin K2 MK-7 all-trans 20 µg pro Tropfen", "Mittelkettige Triglyceride (MCT-Öl)",
  "1 Tropfen täglich.", "", "Laborgeprüft; Ohne Gentechnik", "50 ml", "18,90"),
 ("DE-VB-4002", "Vitabay", "Vitabay CV", "Vitamin D3 10.000 IE + K2 200 mcg – 120 Tabletten", "Tabletten",
  "", "Mikrokristalline Cellulose", "Jeden 10. Tag 1 Tablette.", WD_STD, "vegan", "120 Tabletten", "16,90"),
 ("DE-AV-5001", "Avitale", "Avitale GmbH", "Vitamin D3 + K2 Kapseln 1000 I.E.", "Kapseln",
  "Vitamin D3 (Cholecalciferol) 25 µg, Vitamin K2 (Menachinon-7) 25 µg", "Kapselhülle: Gelatine; Sonnenblumenöl",
  "1 Kapsel täglich.", WD_K2, "", "90 Kapseln", "12,99"),
 ("DE-AV-5002", "Avitale", "Avitale GmbH", "Vitamin D3 + K2 Tropfen", "Tropfen",
  "Vitamin D3 20 µg (800 I.E.), Vitamin K2 (Menachinon-7) 20 µg pro 2 Tropfen", "MCT-Öl",
  "2 Tropfen täglich.", "", "", "20 ml", "11,99"),
 ("DE-OL-6001", "Olimp", "Olimp Laboratories Sp. z o.o.", "Olimp Gold-Vit D3+K2 sport", "Kapseln",
  "Vitamin D 50 µg (2000 IE), Vitamin K2 (Menachinon-7) 75 µg", "Sonnenblumenöl, Gelatine",
  "1 Kapsel täglich.", "", "Informed Sport", "60 Kapseln", "13,50"),
 ("DE-SO-7001", "Solgar", "Solgar Vitamin and Herb Deutschland", "Solgar Vitamin D3 & K2 Kapseln", "Kapseln",
  "Vitamin D3 25 mcg, Vitamin K2 (MK-7) 50 mcg", "Mikrokristalline Cellulose, Pflanzliche Cellulose",
  "1 Kapsel täglich zu einer Mahlzeit.", WD_K, "Koscher; glutenfrei", "60 Kapseln", "24,99"),
 ("DE-SR-8001", "Sports Research", "Sports Research Europe", "Sports Research Vitamin D3 + K2 mit Kokosöl 5000 IE", "Weichkapseln",
  "Vitamin D3 (Cholecalciferol) 125 µg (5000 IE), Vitamin K2 (Menachinon-7) 100 µg", "Bio-Kokosöl, Gelatine (Rind), Glycerin",
  "1 Weichkapsel täglich.", "", "Non-GMO Project Verified", "60 Weichkapseln", "29,90"),
 ("DE-NO-9001", "NOW Foods", "NOW Foods Europe", "NOW Vitamin D-3 & K-2 1000 IE", "Kapseln",
  "", "Reismehl, Hypromellose", "1 Kapsel täglich.", "", "GMP", "120 Kapseln", "17,90"),
 ("DE-LE-9101", "Life Extension", "Life Extension Europe", "Life Extension Vitamins D and K with Sea-Iodine", "Kapseln",
  "Vitamin D3 125 mcg (5000 I.E.), Vitamin K1 1000 mcg, Vitamin K2 (MK-4) 1000 mcg, Vitamin K2 (MK-7) 200 mcg, Jod 1000 mcg", "Reismehl, Cellulose",
  "1 Kapsel täglich.", "Nicht bei Einnahme von Blutverdünnern verwenden.", "Non-GMO", "60 Kapseln", "22,95"),
 ("DE-NL-9201", "Nature Love", "Nature Love GmbH", "Vitamin D3 + K2 Tropfen 1000 I.E. – 50 ml", "Tropfen",
  "Vitamin D3 (Cholecalciferol) 25 µg (1000 I.E.), Vitamin K2 (Menachinon-7) 20 µg pro Tropfen", "MCT-Öl aus Kokosnuss",
  "1 Tropfen täglich.", WD_K, "Laborgeprüft; vegan", "50 ml", "19,90"),
 ("DE-NL-9202", "Nature Love", "Nature Love GmbH", "Vitamin D3 + K2 Depot 10.000 I.E. Tabletten", "Tabletten",
  "Vitamin D3 250 µg (10.000 I.E.), Vitamin K2 MK-7 200 µg je Tablette", "Mikrokristalline Cellulose",
  "Alle 7 Tage 1 Tablette.", WD_STD, "vegan", "180 Tabletten", "22,90"),
 ("DE-DM-9301", "Mivolis", "dm-drogerie markt", "Mivolis Vitamin D3 + K2 Tabletten", "Tabletten",
  "Vitamin D 20 µg, Vitamin K 50 µg", "Füllstoff Cellulose", "1 Tablette täglich.", WD_STD, "", "60 Tabletten", "2,95"),
 ("DE-ZE-9401", "Zein Pharma", "Zein Pharma Germany GmbH", "Vitamin D3 + K2 Öl Tropfen 1000 IE – hochdosiert", "Tropfen",
  "Vitamin D3 25 µg, Vitamin K2 MK-7 20 µg pro Tropfen", "MCT-Öl", "1 Tropfen täglich.", "", "", "50 ml", "21,90"),
 ("DE-MD-9501", "Dr. Mercola", "Mercola Europe", "Dr. Mercola Vitamin D3 & K2 5000 IE", "Kapseln",
  "Vitamin D3 125 µg (5000 IE), Vitamin K2 (Menachinon-7) 180 µg", "Hypromellose, Mikrokristalline Cellulose, Sonnenblumenöl",
  "1 Kapsel täglich zu einer fetthaltigen Mahlzeit.", "Nicht geeignet für Personen, die Cumarin-Derivate (z. B. Warfarin) einnehmen.", "", "30 Kapseln", "19,90"),
 ("DE-TH-9601", "Thorne", "Thorne Europe", "Thorne Vitamin D + K2 Liquid", "Tropfen",
  "Vitamin D3 25 mcg (1000 I.E.), Vitamin K2 (Menatetrenon) 200 mcg pro 2 Tropfen", "Mittelkettige Triglyceride",
  "2 Tropfen 1-3 x täglich.", WD_K, "NSF Certified for Sport", "30 ml", "34,90"),
 ("DE-CA-9701", "Carlson", "Carlson Labs Europe", "Carlson Super Daily D3 + K2 Tropfen", "Tropfen",
  "Vitamin D3 50 µg (2000 I.E.), Vitamin K2 MK-7 90 µg pro Tropfen", "MCT-Öl", "1 Tropfen täglich.", "", "", "10,3 ml", "27,90"),
 ("DE-SN-1003", "Sunday Natural", "Sunday Natural Products GmbH", "Vitamin K2 MK-7 200 µg Tropfen", "Tropfen",
  "Vitamin K2 (Menachinon-7) 200 µg pro 4 Tropfen", "MCT-Öl", "4 Tropfen täglich.", WD_K, "Laborgeprüft", "50 ml", "26,90"),
 ("DE-NT-2003", "Naturtreu", "Naturtreu GmbH", "Sonnenfreund Kids Vitamin D3 400 I.E. Tropfen", "Tropfen",
  "Vitamin D3 10 µg (400 I.E.) pro Tropfen", "MCT-Öl", "Kinder ab 1 Jahr: 1 Tropfen täglich.", WD_STD, "vegan", "20 ml", "12,90"),
 ("DE-HH-9801", "Heidelberger Chlorella", "Heidelberger Chlorella GmbH", "Vitamin D3 + K2 Kapseln", "Kapseln",
  "", "", "1 Kapsel täglich.", "", "", "120 Kapseln", "17,50"),
]

# Russian storefront: SKU, Наименование, Бренд, Поставщик, Описание, Состав, Способ применения,
# Противопоказания, Форма выпуска, Цена.
RU = [
 ("RU-SOL-01", "Solgar Витамин D3 + K2 (MK-7), 60 капсул", "Solgar", "ООО «Солгар Витамин энд Херб»",
  "Комплекс для здоровья костей.", "Витамин D3 (холекальциферол) 25 мкг (1000 МЕ), витамин K2 (менахинон-7) 50 мкг",
  "Взрослым по 1 капсуле в день во время еды.", "Индивидуальная непереносимость компонентов, беременность, кормление грудью. Перед применением рекомендуется проконсультироваться с врачом, особенно при приёме антикоагулянтов (варфарин).", "капсулы", "2 190"),
 ("RU-EVA-01", "Эвалар Витамин Д3 2000 МЕ + К2, 60 капсул", "Эвалар", "АО «Эвалар»",
  "Витамин Д3 и витамин К2 для костей и сосудов.", "Витамин D3 50 мкг, витамин K2 (менахинон-7) 120 мкг; масло подсолнечное, желатин",
  "Взрослым по 1 капсуле 1 раз в день во время еды.", "Индивидуальная непереносимость компонентов, беременность, кормление грудью.", "капсулы", "899"),
 ("RU-EVA-02", "Эвалар Витамин Д3 + К2 спрей", "Эвалар", "АО \"Эвалар\"",
  "Спрей для приёма внутрь.", "", "По 2 впрыскивания в день.", "", "спрей", "649"),
 ("RU-NOW-01", "NOW Foods Витамин D-3 и K-2, 120 растительных капсул", "Now Foods", "ООО «АйХерб Ру»",
  "Витамин D3 1000 МЕ и витамин K2 45 мкг.", "Витамин D3 (холекальциферол) 25 мкг (1000 МЕ), витамин K2 (менахинон-4) 45 мкг; рисовая мука, гипромеллоза",
  "По 1 капсуле 1–2 раза в день во время еды.", "Людям, принимающим антикоагулянты, перед применением проконсультироваться с врачом.", "капсулы", "1 450"),
 ("RU-SR-01", "Sports Research Витамин D3 + K2, 5000 МЕ, 60 мягких капсул", "Sports Research", "ООО «АйХерб Ру»",
  "Витамин D3 с K2 на органическом кокосовом масле.", "Витамин D3 125 мкг (5000 МЕ), витамин K2 (менахинон-7) 100 мкг; органическое кокосовое масло",
  "По 1 капсуле в день во время еды.", "Проконсультируйтесь с врачом при приёме антикоагулянтов.", "мягкие капсулы", "2 350"),
 ("RU-DB-01", "Doctor's Best Витамин K2 MK-7 45 мкг, 60 капсул", "Doctor's Best", "ООО «АйХерб Ру»",
  "Натуральный витамин K2.", "Витамин K2 (менахинон-7) 45 мкг", "По 1 капсуле в день.", "", "капсулы", "1 290"),
 ("RU-CGN-01", "California Gold Nutrition Витамин D3 + K2, 60 капсул", "California Gold Nutrition", "ООО «АйХерб Ру»",
  "", "Витамин D3 125 мкг (5000 МЕ), витамин K2 (менахинон-7) 100 мкг", "По 1 капсуле в день.", "Проконсультируйтесь с врачом при приёме антикоагулянтов.", "растительные капсулы", "890"),
 ("RU-OL-01", "Olimp Gold-Vit D3+K2 Sport, 60 капсул", "Olimp", "ООО «Олимп Лабс»",
  "Витамин D3 2000 МЕ и K2 75 мкг.", "Витамин D 50 мкг (2000 МЕ), витамин K2 75 мкг; масло подсолнечное", "1 капсула в день.", "", "капсулы", "1 090"),
 ("RU-VP-01", "VPLab Vitamin D3 + K2, 60 капсул", "VPLab", "ООО «ВПЛаб Ру»",
  "Витамин D3 и K2.", "Витамин D3 (холекальциферол) 25 мкг, витамин K2 (менахинон-7) 100 мкг", "1 капсула в день.", "Перед применением проконсультируйтесь с врачом.", "капсулы", "990"),
 ("RU-MIR-01", "Мирролла Витамин D3 + K2, 30 таблеток", "Мирролла", "ООО «Мирролла»",
  "Для укрепления костей.", "Витамин D3 10 мкг, витамин K2 40 мкг", "По 1 таблетке в день.", "", "таблетки", "259"),
 ("RU-SOL-02", "Solgar Витамин D3 (холекальциферол) 10 000 МЕ, 120 капсул", "Solgar", "ООО «Солгар Витамин энд Херб»",
  "Витамин D3 высокой дозировки.", "Витамин D3 (холекальциферол) 250 мкг (10 000 МЕ); масло подсолнечное", "1 капсула в день.", "", "мягкие капсулы", "2 890"),
 ("RU-LE-01", "Life Extension Витамины D и K с морским йодом, 60 капсул", "Life Extension", "ООО «АйХерб Ру»",
  "", "Витамин D3 125 мкг (5000 МЕ), витамин K1 1000 мкг, витамин K2 (МК-4) 1000 мкг, витамин K2 (МК-7) 200 мкг, йод 1000 мкг",
  "По 1 капсуле в день во время еды.", "При приёме антикоагулянтов проконсультируйтесь с врачом.", "капсулы", "2 100"),
 ("RU-NOW-02", "NOW Foods Витамин D-3 5000 МЕ, 120 мягких капсул", "NOW Foods", "ООО «АйХерб Ру»",
  "Витамин D3 на оливковом масле.", "Витамин D3 (холекальциферол) 125 мкг (5000 МЕ); оливковое масло, желатин", "По 1 капсуле через день.", "", "мягкие капсулы", "1 190"),
 ("RU-EVA-03", "Эвалар Витамин К2 МК-7, 30 таблеток", "Эвалар", "АО «Эвалар»",
  "Витамин К2 в форме менахинона-7.", "Витамин K2 (менахинон-7) 100 мкг; целлюлоза микрокристаллическая", "По 1 таблетке в день во время еды.", "Не рекомендуется лицам, принимающим антикоагулянты непрямого действия.", "таблетки", "549"),
 ("RU-SOL-03", "Solgar Витамин K2 (MK-7) 100 мкг, 50 капсул", "Solgar", "ООО Солгар Витамин энд Херб",
  "Натуральный витамин K2.", "Витамин K2 (менахинон-7) 100 мкг", "1 капсула в день.", "Перед применением проконсультируйтесь с врачом, если вы принимаете антикоагулянты.", "капсулы", "1 990"),
 ("RU-TH-01", "Thorne Витамин D + K2, жидкость, 30 мл", "Thorne", "ООО «АйХерб Ру»",
  "Жидкий витамин D3 с К2 (МК-4).", "Витамин D3 25 мкг (1000 МЕ), витамин K2 (менатетренон) 200 мкг на 2 капли; триглицериды средней цепи", "По 2 капли 1–3 раза в день.", "При приёме антикоагулянтов проконсультируйтесь с врачом.", "капли", "3 490"),
 ("RU-CAR-01", "Carlson Super Daily D3 + K2, 10,3 мл", "Carlson Labs", "ООО «АйХерб Ру»",
  "Одна капля в день.", "Витамин D3 50 мкг (2000 МЕ), витамин K2 (МК-7) 90 мкг на 1 каплю; масло MCT", "1 капля в день во время еды.", "", "капли", "2 690"),
 ("RU-MER-01", "Dr. Mercola Витамины D3 и K2, 30 капсул", "Dr. Mercola", "ООО «АйХерб Ру»",
  "", "Витамин D3 125 мкг (5000 МЕ), витамин K2 (менахинон-7) 180 мкг", "1 капсула в день с жирной пищей.", "Проконсультируйтесь с врачом, если вы принимаете варфарин.", "капсулы", "2 290"),
 ("RU-JAR-01", "Jarrow Formulas MK-7 90 мкг, 60 мягких капсул", "Jarrow Formulas", "ООО «АйХерб Ру»",
  "Витамин K2 из натто.", "Витамин K2 (менахинон-7) 90 мкг; оливковое масло", "1 капсула в день.", "", "мягкие капсулы", "2 090"),
 ("RU-AKV-01", "Аквадетрим Витамин Д3 + К2 капли, 10 мл", "Аквадетрим", "ООО «Медана Фарма»",
  "Водный раствор.", "Витамин D3 500 МЕ в 1 капле, витамин K2 10 мкг", "По 1–2 капли в день.", "Гиперкальциемия, саркоидоз.", "капли", "389"),
 ("RU-OST-01", "OstroVit Vitamin D3 4000 IU + K2, 90 таблеток", "OstroVit", "ООО «Островит Ру»",
  "Витамин D3 и K2 MK-7.", "Витамин D3 100 мкг (4000 МЕ), витамин K2 MK-7 100 мкг", "1 таблетка в день.", "", "таблетки", "790"),
 ("RU-MIR-02", "Мирролла Витамин Д3 2000 МЕ + К2, 60 капсул", "Mirrolla", "ООО Мирролла",
  "", "", "По 1 капсуле в день.", "", "капсулы", "319"),
 ("RU-GOL-01", "Garden of Life mykind Organics Витамин D3 спрей", "Garden of Life", "ООО «АйХерб Ру»",
  "Веганский витамин D3.", "Витамин D3 (из лишайника) 25 мкг (1000 МЕ); органическое подсолнечное масло", "1 впрыскивание в день.", "Хранить в недоступном для детей месте.", "спрей", "1 790"),
 ("RU-VP-02", "VPLab Vitamin D3 + K2 MK-7, спрей 30 мл", "VPLab", "ООО «ВПЛаб Ру»",
  "Спрей.", "Витамин D3 25 мкг, витамин K2 25 мкг на 1 впрыскивание", "1 впрыскивание в день.", "", "спрей", "690"),
 ("RU-NAT-01", "Naturtreu Sonnenfreund D3 + K2 капли, 50 мл", "Naturtreu", "ИП Смирнов А. В.",
  "Капли на масле MCT.", "Витамин D3 25 мкг (1000 МЕ), витамин K2 (менахинон-7) 20 мкг на 1 каплю", "1 капля в день.", "", "капли", "2 490"),
]


# Polish storefront: Indeks, Nazwa produktu, Producent, Dostawca, Skład, Sposób użycia,
# Przeciwwskazania ("" = empty), Postać, Cena brutto (zł). Built from (brand, name, D3 µg or None,
# K2 µg or None, K form, form, oil, directions, warning kind, price) below.
PL_WARN = {"k": "Osoby przyjmujące leki przeciwzakrzepowe (np. warfarynę, acenokumarol) powinny przed "
                "zastosowaniem skonsultować się z lekarzem. Nie stosować u kobiet w ciąży.",
           "std": "Nadwrażliwość na którykolwiek ze składników. Nie przekraczać zalecanej porcji do spożycia w ciągu dnia.",
           "": ""}
PL_FORM = {"kaps": "kapsułki", "tab": "tabletki", "krop": "krople", "spray": "aerozol doustny", "soft": "kapsułki miękkie"}
PL = [
 ("Olimp", "Olimp Labs Sp. z o.o.", "Gold-Vit D3+K2 Sport, 60 kapsułek", 50, 75, "menachinon-7", "kaps", "olej słonecznikowy", "1 kapsułka dziennie.", "k", "39,99"),
 ("OstroVit", "OstroVit Sp. z o.o.", "Vitamin D3 4000 IU + K2 MK-7, 90 tabletek", 100, 100, "MK-7", "tab", "", "1 tabletka dziennie.", "std", "29,99"),
 ("OstroVit", "Ostrovit sp. z o.o.", "Vitamin D3 2000 IU + K2, 90 kapsułek", 50, 50, "MK-7", "kaps", "olej MCT", "1 kapsułka dziennie.", "", "24,99"),
 ("Aliness", "Medicaline Sp. z o.o.", "Witamina D3 2000 + K2 MK-7 100 µg, 60 tabletek", 50, 100, "MK-7 z natto", "tab", "", "1 tabletka dziennie po posiłku.", "k", "34,90"),
 ("Aliness", "Medicaline Sp. z o.o.", "Witamina K2 MK-7 z natto 100 µg, krople 10 ml", None, 100, "MK-7", "krop", "olej MCT", "2 krople dziennie.", "k", "49,90"),
 ("Solgar", "Solgar Polska Sp. z o.o.", "Witamina D3 + K2 (MK-7), 60 kapsułek", 25, 50, "MK-7", "kaps", "", "1 kapsułka dziennie w trakcie posiłku.", "k", "79,90"),
 ("NOW Foods", "NOW Foods Polska", "Witamina D-3 & K-2, 120 kapsułek", 25, 45, "MK-4", "kaps", "mąka ryżowa", "1 kapsułka 1-2 razy dziennie.", "k", "69,00"),
 ("Sports Research", "Sports Research Europe", "Witamina D3 + K2 z olejem kokosowym, 60 kapsułek", 125, 100, "menachinon-7", "soft", "organiczny olej kokosowy", "1 kapsułka dziennie z posiłkiem.", "", "119,00"),
 ("Vigalex", "Polpharma S.A.", "Vigalex D3+K2 Forte, 60 kapsułek", 50, 75, "MK-7", "kaps", "olej słonecznikowy", "1 kapsułka dziennie.", "k", "32,99"),
 ("Naturell", "Naturell Polska", "Witamina D3 + K2 4000 j.m., 60 tabletek", 100, 75, "menachinon-7", "tab", "", "1 tabletka dziennie.", "std", "26,99"),
 ("Doppelherz", "Queisser Pharma Polska", "Doppelherz aktiv Witamina D 2000 + K2, 60 tabletek", 50, 80, "menachinon-7", "tab", "", "1 tabletka dziennie.", "k", "24,49"),
 ("Zdrovit", "Polski Lek S.A.", "Zdrovit D3 + K2, 30 kapsułek", 25, 45, "MK-7", "kaps", "olej rzepakowy", "1 kapsułka dziennie.", "std", "19,99"),
 ("Swanson", "Swanson Health Polska", "Witamina K2 MK-7 naturalna 50 µg, 30 kapsułek", None, 50, "menachinon-7 z natto", "soft", "olej szafranowy", "1 kapsułka dziennie z posiłkiem.", "k", "29,90"),
 ("Apteo", "Synoptis Pharma Sp. z o.o.", "Apteo Witamina D3 2000 j.m. + K2, 60 kapsułek", 50, 50, "", "kaps", "olej słonecznikowy", "1 kapsułka dziennie.", "", "17,99"),
 ("Essensey", "Essensey Sp. z o.o.", "Witamina D3 + K2 MK-7 w sprayu, 30 ml", 25, 25, "MK-7", "spray", "olej MCT", "1 dawka (2 rozpylenia) dziennie.", "k", "59,00"),
 ("Puritan's Pride", "Puritan's Pride Polska", "Witamina D3 5000 j.m., 100 kapsułek", 125, None, "", "soft", "olej sojowy", "1 kapsułka dziennie.", "std", "45,00"),
 ("Olimp", "Olimp Labs sp. z o.o.", "Olimp Witamina D3 2000 Forte, 60 tabletek", 50, None, "", "tab", "", "1 tabletka dziennie.", "std", "19,90"),
 ("Hasco-Lek", "Hasco-Lek S.A.", "Ibuvit D3 1000 j.m. + K2, krople 30 ml", 25, 10, "", "krop", "olej MCT", "5 kropli dziennie.", "", "22,50"),
 ("Medicaline", "Medicaline Sp. z o.o.", "Witamina D3 + K2 dla dzieci, krople 10 ml", 10, 10, "MK-7", "krop", "olej MCT", "Dzieci od 1. roku życia: 1 kropla dziennie.", "std", "29,90"),
 ("Bioextract", "Bioextract Sp. z o.o.", "D3 + K2 MK-7 + Omega-3, 60 kapsułek", 50, 75, "MK-7", "soft", "olej rybi", "1 kapsułka dziennie.", "k", "36,90"),
 ("Sundt", "Sundt Polska", "Witamina D3 + K2 10 000 j.m., 60 tabletek", 250, 200, "MK-7", "tab", "", "1 tabletka co 7 dni.", "std", "29,00"),
 ("Life Extension", "Life Extension Europe", "Witaminy D i K z jodem morskim, 60 kapsułek", 125, 1200, "K1, MK-4, MK-7", "kaps", "", "1 kapsułka dziennie.", "k", "99,00"),
 ("Thorne", "Thorne Europe", "Witamina D + K2 w płynie, 30 ml", 25, 200, "menatetrenon (MK-4)", "krop", "trójglicerydy średniołańcuchowe", "2 krople 1-3 razy dziennie.", "k", "139,00"),
 ("Solgar", "Solgar Polska sp. z o.o.", "Witamina K2 (MK-7) 100 µg, 50 kapsułek", None, 100, "MK-7", "kaps", "", "1 kapsułka dziennie.", "", "89,90"),
 ("Olimp", "Olimp Labs Sp. z o.o.", "Vita-Min D3 + K2 Plus, 30 kapsułek", 25, 25, "", "kaps", "", "1 kapsułka dziennie.", "", "14,99"),
]

PL_HEADER = ["Indeks", "Nazwa produktu", "Producent", "Dostawca", "Skład", "Sposób użycia", "Przeciwwskazania",
             "Postać", "Cena brutto (zł)"]


def pl():
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\r\n")
    w.writerow(PL_HEADER)
    for n, (brand, dostawca, name, d, k, kform, form, oil, sposob, warn, price) in enumerate(PL):
        parts = []
        if d:
            iu = d * 40
            parts.append("witamina D3 (cholekalcyferol) %s µg (%s j.m.)" % (d, "{:,}".format(iu).replace(",", " ")))
        if k:
            parts.append("witamina K2%s %s µg" % (" (%s)" % kform if kform else "", k))
        sklad = ("; ".join(parts) + ("; " + oil if oil else "")) if n % 9 != 4 else ""
        w.writerow(["PL-%03d" % (n + 1), "%s %s" % (brand, name) if not name.startswith(brand.split()[0]) else name,
                    brand, dostawca, sklad, sposob, PL_WARN[warn], PL_FORM[form], price])
    return out.getvalue()



# GS1 company prefixes as printed on the brands' packs; the item references are invented (they
# count up), so a GTIN here is well-formed but is not the named product's real number.
PREFIX = {"Sports Research": "883196", "NOW Foods": "733739", "Thorne": "693749", "Life Extension": "737870",
          "Doctor's Best": "753950", "Garden of Life": "658010", "Dr. Mercola": "813006", "Carlson": "088395",
          "Jarrow Formulas": "790011", "Nature Made": "031604", "Solgar": "033984", "Natures Plus": "097467",
          "California Gold Nutrition": "898220", "Nature's Bounty": "074312", "Healthy Origins": "603573",
          "Pure Encapsulations": "766298"}


def check_digit(body):
    s = sum(int(d) * (3 if i % 2 == (len(body) - 1) % 2 else 1) for i, d in enumerate(body))
    return str((10 - s % 10) % 10)


def upc(brand, n):
    """A 12-digit UPC-A: the brand's company prefix, an invented item reference, the check digit."""
    body = PREFIX[brand] + "%05d" % (n * 37 % 100000)
    return body + check_digit(body)


def ean_de(n):
    """A 13-digit EAN in Germany's range 400-440 (invented item references)."""
    body = "42604%07d" % (n * 7919 % 10000000)
    return body + check_digit(body)


def sku(p, i):
    return "%s-%d" % (p["key"].upper(), p["sizes"][i][1])


def body_html(p, n):
    """The label panel as a shop page writes it; a few products use a table, the rest lists."""
    h = ["<p>%s</p>" % p["blurb"]]
    if n % 3 == 0:
        rows = "".join("<tr><td>%s</td></tr>" % line for line in p["panel"][1:])
        h.append("<h4>Supplement Facts</h4><p>%s</p><table>%s</table>" % (p["panel"][0], rows))
    else:
        h.append("<p><strong>Supplement Facts</strong><br>%s</p><ul>%s</ul>" % (p["panel"][0], "".join("<li>%s</li>" % l for l in p["panel"][1:])))
    h.append("<p><strong>Other Ingredients:</strong> %s</p>" % p["other"])
    h.append("<p><strong>Suggested Use:</strong> %s</p>" % p["directions"])
    if p["warnings"]:
        h.append("<p><strong>Warnings:</strong> %s</p>" % p["warnings"])
    # Shop editors put each block on its own line: the quoted field spans lines.
    return "\n".join(h).replace("®", "&reg;")


SHOPIFY_HEADER = ["Handle", "Title", "Body (HTML)", "Vendor", "Product Category", "Type", "Tags", "Published",
    "Option1 Name", "Option1 Value", "Option2 Name", "Option2 Value", "Option3 Name", "Option3 Value",
    "Variant SKU", "Variant Grams", "Variant Inventory Tracker", "Variant Inventory Qty", "Variant Inventory Policy",
    "Variant Fulfillment Service", "Variant Price", "Variant Compare At Price", "Variant Requires Shipping",
    "Variant Taxable", "Variant Barcode", "Image Src", "Image Position", "Image Alt Text", "Gift Card",
    "SEO Title", "SEO Description", "Google Shopping / Google Product Category", "Google Shopping / MPN",
    "Variant Image", "Variant Weight Unit", "Cost per item", "Status"]
CATEGORY = "Health & Beauty > Health Care > Fitness & Nutrition > Vitamins & Supplements"


def shopify():
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(SHOPIFY_HEADER)
    n = 0
    for pi, p in enumerate(P):
        handle = ("%s-%s" % (p["brand"], p["title"])).lower()
        handle = "".join(c if c.isalnum() else "-" for c in handle).strip("-")
        while "--" in handle:
            handle = handle.replace("--", "-")
        images = ["https://cdn.shopify.com/s/files/1/0000/0001/products/%s-%d.jpg" % (p["key"], k) for k in (1, 2)]
        for i, (label, count, price) in enumerate(p["sizes"]):
            n += 1
            row = dict.fromkeys(SHOPIFY_HEADER, "")
            row.update({"Handle": handle, "Option1 Value": label, "Variant SKU": sku(p, i),
                        "Variant Grams": str(40 + count // 2), "Variant Inventory Tracker": "shopify",
                        "Variant Inventory Qty": str(12 + n % 7), "Variant Inventory Policy": "deny",
                        "Variant Fulfillment Service": "manual", "Variant Price": price,
                        "Variant Requires Shipping": "TRUE", "Variant Taxable": "TRUE",
                        "Variant Barcode": upc(p["brand"], n), "Variant Weight Unit": "g",
                        "Image Src": images[0] if i == 0 else "", "Image Position": "1" if i == 0 else ""})
            if i == 0:
                row.update({"Title": "%s %s" % (p["brand"], p["title"]), "Body (HTML)": body_html(p, pi),
                            # The vendor as typed by whoever created the product: NOW Foods / Now Foods,
                            # Thorne / Thorne Research, Carlson Labs / Carlson, Dr. Mercola / Dr Mercola.
                            "Vendor": p["vendors"][0],
                            "Product Category": CATEGORY, "Type": "Vitamins & Supplements",
                            "Tags": ", ".join(t.strip() for t in p["claims"].split(";") if t.strip()),
                            "Published": "TRUE", "Option1 Name": "Size", "Image Alt Text": p["title"],
                            "Gift Card": "FALSE", "SEO Title": "%s %s | Vitamin D3 K2" % (p["brand"], p["title"]),
                            "SEO Description": p["blurb"], "Google Shopping / Google Product Category": CATEGORY,
                            "Status": "active"})
            if p["key"] == "jarrow-mk7" and i == 1:
                # A variant created without a SKU: only its barcode and price are its own.
                row["Variant SKU"] = ""
            if p["brand"] == "Nature Made":
                # The sheet went through Excel once: the UPC's leading zero is gone.
                row["Variant Barcode"] = row["Variant Barcode"].lstrip("0")
            if len(p["sizes"]) == 1 and p["sizes"][0][0].endswith("ml"):
                # A single-variant product: Shopify writes "Title" / "Default Title".
                row.update({"Option1 Name": "Title", "Option1 Value": "Default Title"})
            w.writerow([row[h] for h in SHOPIFY_HEADER])
        # The second image: a row with only Handle, Image Src and Image Position.
        row = dict.fromkeys(SHOPIFY_HEADER, "")
        row.update({"Handle": handle, "Image Src": images[1], "Image Position": "2", "Image Alt Text": "Supplement Facts panel"})
        w.writerow([row[h] for h in SHOPIFY_HEADER])
    return out.getvalue()


GMC_HEADER = ["id", "title", "description", "link", "image_link", "availability", "price", "brand", "gtin", "mpn",
              "condition", "product_type", "google_product_category", "item_group_id", "size", "identifier_exists",
              "shipping_weight"]


def gmc():
    out = ["\t".join(GMC_HEADER)]
    n = 0
    for pi, p in enumerate(P):
        for i, (label, count, price) in enumerate(p["sizes"]):
            n += 1
            # Merchant Center strips HTML: the label panel is one long line of text. Some feeds keep the
            # warnings, some (the feed tool's 5,000-character cut, or a template) lose them.
            text = "%s %s. %s. Other ingredients: %s Suggested use: %s" % (
                p["blurb"], p["panel"][0], "; ".join(p["panel"][1:]), p["other"], p["directions"])
            if p["warnings"] and pi % 4 != 1:
                text += " Warning: " + p["warnings"]
            if p["key"] == "sr-d3k2" and i == 1:
                text = '"The sunshine vitamin" with K2: ' + text
            kind = "Vitamin K" if not any("D3" in l for l in p["panel"]) else "Vitamin D"
            out.append("\t".join([
                sku(p, i), "%s %s, %s" % (p["brand"], p["title"], label), text,
                "https://shop.example.com/products/%s?variant=%d" % (p["key"], 4000 + n),
                "https://cdn.example.com/img/%s.jpg" % p["key"], "in_stock" if n % 9 else "out_of_stock",
                "%s USD" % price, p["brand"], upc(p["brand"], n) if n % 11 else "",
                "%s-%s" % (p["key"].split("-")[0].upper(), count), "new",
                "Health > Vitamins & Supplements > %s" % kind, "525", p["key"], label,
                "yes" if n % 11 else "no", "%d g" % (40 + count // 2)]))
    return "\n".join(out) + "\n"


DE_HEADER = ["Artikelnummer", "EAN", "Bezeichnung", "Hersteller", "Lieferant", "Darreichungsform", "Inhaltsstoffe",
             "Sonstige Zutaten", "Verzehrempfehlung", "Warnhinweise", "Siegel", "Inhalt", "Preis (EUR)", "Grundpreis", "Lagerbestand"]


def de_shop():
    rows = [["Artikelexport Shop Gesundheit & Vital – Kategorie Vitamine – Stand 01.12.2026"], []]
    rows.append(DE_HEADER)
    for n, r in enumerate(DE):
        (nr, herst, lief, bez, form, inh, sonst, verz, warn, siegel, inhalt, preis) = r
        if n % 5 == 3:
            inh = inh.replace("µg", "mcg")
        qty = "%d" % (n * 7 % 40)
        grund = "%s € / 100 St." % preis if "Kapseln" in inhalt or "Tabletten" in inhalt else "%s € / 100 ml" % preis
        rows.append([nr, ean_de(n), "%s %s" % (herst, bez) if not bez.startswith(herst.split()[0]) else bez,
                     herst, lief, form, inh, sonst, verz, warn, siegel, inhalt, preis, grund, qty])
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for r in rows:
        w.writerow(r)
    return out.getvalue().encode("cp1252")


RU_HEADER = ["Артикул", "Наименование", "Бренд", "Поставщик", "Описание", "Состав", "Способ применения",
             "Противопоказания", "Форма выпуска", "Цена, руб."]


def ru():
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(RU_HEADER)
    for r in RU:
        w.writerow(r)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


if __name__ == "__main__":
    with open("fixtures/trial/shopify-products.csv", "w", encoding="utf-8", newline="") as f:
        f.write(shopify())
    with open("fixtures/trial/merchant-center.tsv", "w", encoding="utf-8", newline="") as f:
        f.write(gmc())
    with open("fixtures/trial/de-shop-export.csv", "wb") as f:
        f.write(de_shop())
    with open("fixtures/trial/ru-storefront.csv", "wb") as f:
        f.write(ru())
    with open("fixtures/trial/pl-storefront.csv", "w", encoding="utf-8", newline="") as f:
        f.write(pl())
