#!/usr/bin/env python3
"""Writes the three retailer-style fixture catalogues from one list of products.

  fixtures/us-pharmacy.csv   clean US retailer: comma, LF, structured columns, IU and mcg
  fixtures/eu-apotheke.csv   German shop: semicolon, CRLF, UTF-8 BOM, facts in title and Zutaten,
                             µg / μg / IE / "5.000 IE" / "0,125 mg"
  fixtures/marketplace.csv   messy marketplace export: pipe, quoted multi-line fields, facts in
                             titles, descriptions and directions, duplicate SKUs, broken rows

Run from the repository root: python3 scripts/make-fixtures.py (the files are committed).
"""
import csv, io

WARN_A = "Consult a health care professional prior to use if you are taking blood thinners."
WARN_B = "If you are taking anticoagulant medication such as warfarin (Coumadin), consult your doctor before use."
WARN_C = "Do not take if you are on vitamin K antagonist therapy. Keep out of reach of children."
NO_WARN = "Keep out of reach of children. Store in a cool, dry place."

# brand, product, d_iu (per serving; None = no D), d_form ('D3','D2','?'), k (list of (form, mcg)),
# dosage, serving units, servings/day, other ingredients, certifications, warning
P = [
 ("Sports Research", "Vitamin D3 + K2 with Coconut Oil", 5000, "D3", [("MK-7", 100)], "softgel", 1, 1, "Organic coconut oil, beeswax, sunflower lecithin", "NSF Certified for Sport; Non-GMO Project Verified", WARN_A),
 ("Thorne", "Vitamin D + K2 Liquid", 1000, "D3", [("MK-4", 200)], "liquid", 2, 1, "MCT oil (from coconut), mixed tocopherols", "NSF Certified for Sport", NO_WARN),
 ("Thorne", "Vitamin D/K2 Liquid High Dose", 5000, "D3", [("MK-4", 1000)], "liquid", 10, 2, "MCT oil, mixed tocopherols", "NSF Certified for Sport", WARN_A),
 ("Pure Encapsulations", "Vitamin D3 K2 Liquid", 1000, "D3", [("MK-7", 50)], "liquid", 5, 1, "MCT oil, alpha-tocopherol", "Gluten-free; Non-GMO; Hypoallergenic", WARN_B),
 ("Pure Encapsulations", "Vitamin D3 125 mcg with K2", 5000, "D3", [("MK-7", 45)], "capsule", 1, 1, "Hypromellose (capsule), ascorbyl palmitate", "Hypoallergenic; Gluten-free; cGMP", WARN_B),
 ("Life Extension", "Vitamins D and K with Sea-Iodine", 5000, "D3", [("K1", 1000), ("MK-4", 1000), ("MK-7", 200)], "capsule", 1, 1, "Rice flour, vegetable cellulose, silica", "Non-GMO; GMP", WARN_B),
 ("Life Extension", "Super K", None, "", [("K1", 1500), ("MK-4", 1000), ("MK-7", 200)], "softgel", 1, 1, "Extra virgin olive oil, gelatin, glycerin", "Non-GMO", WARN_B),
 ("NOW Foods", "Vitamin D-3 & K-2", 1000, "D3", [("MK-7", 45)], "capsule", 1, 2, "Rice flour, hypromellose (cellulose capsule)", "GMP Quality Assured; Vegetarian", WARN_C),
 ("NOW Foods", "Vitamin D-3 5,000 IU", 5000, "D3", [], "softgel", 1, 1, "Extra virgin olive oil, softgel capsule (bovine gelatin, glycerin)", "GMP Quality Assured", NO_WARN),
 ("NOW Foods", "MK-7 Vitamin K-2 100 mcg", None, "", [("MK-7", 100)], "capsule", 1, 1, "Rice flour, cellulose", "GMP Quality Assured", WARN_A),
 ("Carlson", "Vitamin D3 + K2 Drops", 2000, "D3", [("MK-7", 90)], "liquid", 1, 1, "MCT oil (from coconut)", "Third-party tested", WARN_A),
 ("Carlson", "Vitamin K2 Menatetrenone 45 mg", None, "", [("MK-4", 45000)], "softgel", 1, 1, "Safflower oil, gelatin, glycerin", "", WARN_C),
 ("Nature's Way", "Vitamin D3 + K2 Softgels", 2000, "D3", [("MK-7", 40)], "softgel", 1, 1, "Sunflower seed oil, gelatin, glycerin", "USP Verified", WARN_A),
 ("Garden of Life", "mykind Organics Vegan D3 Spray", 1000, "D3", [], "spray", 1, 1, "Organic sunflower oil, organic peppermint oil", "Certified Vegan; Non-GMO Project Verified; Kosher", NO_WARN),
 ("Garden of Life", "Dr. Formulated Vitamin D3 + K2 Spray", 2000, "D3", [("MK-7", 120)], "spray", 1, 1, "Purified water, glycerin, natural peppermint flavor", "Informed Choice; Vegan", WARN_A),
 ("Doctor's Best", "Natural Vitamin K2 MK-7 with MenaQ7", None, "", [("MK-7", 100)], "capsule", 1, 1, "Microcrystalline cellulose, modified cellulose", "Non-GMO; Gluten Free; Soy Free", NO_WARN),
 ("Jarrow Formulas", "Vitamins D3 & K2 (MK-7)", 1000, "D3", [("MK-7", 90)], "softgel", 1, 1, "Extra virgin olive oil, gelatin, glycerin", "Non-GMO; Gluten Free", WARN_A),
 ("Solgar", "Vitamin D3 (Cholecalciferol) 10,000 IU", 10000, "D3", [], "softgel", 1, 1, "Soybean oil, gelatin, glycerin", "Kosher; Gluten Free", NO_WARN),
 ("Solgar", "Vitamin D3 + K2 (MK-7) 5,000 IU", 5000, "D3", [("MK-7", 100)], "capsule", 1, 2, "Microcrystalline cellulose, vegetable cellulose", "Kosher; Gluten Free; Dairy Free", WARN_B),
 ("Nordic Naturals", "Vitamin D3 + K2 Gummies", 1000, "D3", [("MK-7", 45)], "gummy", 2, 1, "Tapioca syrup, cane sugar, pectin, natural strawberry flavor", "Non-GMO; Gluten Free", WARN_A),
 ("Nordic Naturals", "Vitamin D3 + K2 Liquid", 1000, "D3", [("MK-7", 50)], "liquid", 1, 1, "Extra virgin olive oil, d-alpha tocopherol", "Friend of the Sea; Non-GMO", WARN_A),
 ("Healthy Origins", "Vitamin K2 MK-7 100 mcg", None, "", [("MK-7", 100)], "softgel", 1, 1, "Organic extra virgin olive oil, yellow beeswax, sunflower lecithin", "Third-party tested", WARN_A),
 ("Klean Athlete", "Klean Vitamin D 2,000 IU", 2000, "D3", [], "capsule", 1, 1, "Cellulose, medium chain triglycerides", "NSF Certified for Sport", NO_WARN),
 ("Klean Athlete", "Klean D3 + K2", 2000, "D3", [("MK-7", 90)], "softgel", 1, 1, "Extra virgin olive oil, gelatin", "NSF Certified for Sport; Informed Sport", WARN_A),
 ("Designs for Health", "Vitamin D Supreme", 5000, "D3", [("K1", 1000), ("MK-4", 1000), ("MK-7", 200)], "capsule", 1, 1, "Microcrystalline cellulose, vegetarian capsule", "Non-GMO; Gluten Free; Soy Free", WARN_B),
 ("Micro Ingredients", "Vitamin D3 K2 Drops 10,000 IU", 10000, "D3", [("MK-7", 200)], "liquid", 1, 2, "Organic MCT oil", "Third-party tested; Non-GMO", WARN_A),
 ("NatureWise", "Vitamin D3 5000 IU Organic Olive Oil", 5000, "D3", [], "softgel", 1, 1, "Organic extra virgin olive oil, gelatin, glycerin", "Third-party tested; cGMP", NO_WARN),
 ("Bluebonnet", "Vitamin D3 & K2 Chewable", 1000, "D3", [("MK-7", 50)], "chewable", 1, 1, "Xylitol, natural raspberry flavor, cellulose", "Kosher; Non-GMO", "Consult healthcare practitioner if taking blood-thinning medications."),
 ("Swanson", "Vitamin K2 Natural (as Menaquinone-7) 50 mcg", None, "", [("MK-7", 50)], "capsule", 1, 1, "Rice flour, gelatin capsule", "GMP", NO_WARN),
 ("Swanson", "Vitamin D2 (Ergocalciferol) 50,000 IU", 50000, "D2", [], "capsule", 1, 1, "Rice flour, gelatin", "GMP", NO_WARN),
 ("MaryRuth's", "Vegan Vitamin D3 + K2 Liquid Drops", 1000, "D3", [("MK-7", 100)], "liquid", 1, 1, "Organic sunflower oil", "Vegan; Non-GMO; Gluten Free", WARN_A),
 ("BioClinic Naturals", "Vitamin K2 100 mcg", None, "", [("MK-7", 100)], "capsule", 1, 1, "Microcrystalline cellulose, vegetarian capsule, magnesium stearate", "GMP", WARN_A),
 ("BioClinic Naturals", "Vitamin D3 Drops 1000 IU", 1000, "D3", [], "liquid", 1, 1, "MCT oil, organic flaxseed oil", "GMP", NO_WARN),
 ("Xymogen", "D3 Liquid 1000 IU", 1000, "D3", [], "liquid", 1, 1, "Helianthus annuus (sunflower) seed oil", "NSF/ANSI 173 Certified", NO_WARN),
 ("Kirkland Signature", "Vitamin D3 50 mcg", 2000, "D3", [], "softgel", 1, 1, "Soybean oil, gelatin, glycerin", "USP Verified", NO_WARN),
 ("Nature Made", "Vitamin D3 + K", 1000, "D3", [("K1", 90)], "tablet", 1, 1, "Cellulose gel, dicalcium phosphate", "USP Verified", WARN_A),
 ("Qunol", "Mega D3 + K2", 5000, "D3", [("MK-7", 180)], "softgel", 1, 1, "Extra virgin olive oil, gelatin", "", WARN_A),
 ("Generic Wellness", "Vitamin K2 + D3 Tablets", 1000, "D3", [("K2?", 100)], "tablet", 1, 1, "Dicalcium phosphate, microcrystalline cellulose", "", NO_WARN),
 ("Generic Wellness", "Vitamin D 1000 IU + K2", 1000, "?", [("MK-7", 100)], "softgel", 1, 1, "Olive oil", "GMP", WARN_A),
 ("Sunday Natural", "Vitamin D3 + K2 MK-7 Tropfen", 1000, "D3", [("MK-7", 20)], "liquid", 1, 1, "MCT oil", "Laborgeprüft; Vegan", WARN_B),
 ("Sunday Natural", "Vitamin D3 5.000 IE + K2 200 µg Kapseln", 5000, "D3", [("MK-7", 200)], "capsule", 1, 1, "Hydroxypropylmethylcellulose", "Vegan", WARN_B),
 ("Vitabay", "Vitamin D3 + K2 Depot Tabletten", 5000, "D3", [("MK-7", 100)], "tablet", 1, 1, "Microcrystalline cellulose, magnesium stearate", "", NO_WARN),
 ("Vitabay", "Vitamin D3 20.000 IE Wochendepot", 20000, "D3", [], "tablet", 1, 1, "Microcrystalline cellulose", "", NO_WARN),
 ("Now Foods", "Vitamin D-3 & K-2 Liquid", 400, "D3", [("MK-7", 4)], "liquid", 4, 1, "Sunflower oil", "GMP Quality Assured", WARN_C),
 ("Thorne", "Vitamin K2 Liquid", None, "", [("MK-4", 1000)], "liquid", 1, 1, "MCT oil", "NSF Certified for Sport", WARN_A),
 ("Orthomol", "Vital D3 + K2 Kautabletten", 800, "D3", [("MK-7", 30)], "chewable", 1, 1, "Sorbitol, citric acid", "", WARN_B),
 ("Fitline", "D3 + K2 Powder Sachets", 2000, "D3", [("MK-7", 80)], "powder", 1, 1, "Maltodextrin, MCT powder", "Kölner Liste", WARN_A),
 ("Medlab", "NanoCelle D3 + K2 Oral Spray", 1000, "D3", [("MK-7", 25)], "spray", 2, 1, "Citric acid, potassium sorbate, peppermint oil", "", WARN_B),
 ("Zein Pharma", "Vitamin D3 + K2 Liquid", 1000, "D3", [("MK-7", 20)], "liquid", 1, 1, "", "GMP", WARN_A),
 ("Innonature", "Vitamin D3 K2 Öl Tropfen", 1000, "D3", [("MK-7", 25)], "liquid", 1, 1, "MCT oil", "", WARN_B),
 ("Doctor's Best", "High Potency Vitamin D3 50,000 IU", 50000, "D3", [], "softgel", 1, 1, "Extra virgin olive oil, gelatin", "Non-GMO", NO_WARN),
 ("Sports Research", "Vegan D3 + K2 (Lichen)", 5000, "D3", [("MK-7", 100)], "softgel", 1, 1, "Organic coconut oil, vegan softgel (tapioca starch, glycerin)", "Vegan Society; Non-GMO; Informed Choice", WARN_A),
 ("Garden of Life", "Vitamin Code Raw D3", 2000, "D3", [], "capsule", 1, 1, "Organic raw food blend, cellulose capsule", "Non-GMO Project Verified; Vegetarian", NO_WARN),
 ("Nutricost", "Vitamin D3 + K2 (MK-7) Softgels", 5000, "D3", [("MK-7", 50)], "softgel", 1, 1, "Sunflower oil, gelatin", "GMP; Non-GMO; Third-party tested", WARN_A),
 ("Calcifediol Labs", "25-OH D3 Calcifediol Capsules", 10, "calcifediol", [("MK-7", 100)], "capsule", 1, 1, "MCT oil", "GMP", WARN_A),
]

def k2_total(k):
    return sum(m for f, m in k if f != "K1")

def dform_word(f, lang):
    return {"D3": "cholecalciferol", "D2": "ergocalciferol", "?": "", "calcifediol": "calcifediol"}.get(f, "")

def ing_text_en(d_iu, d_form, k):
    parts = []
    if d_iu is not None:
        if d_form == "calcifediol":
            parts.append(f"Calcifediol (25-hydroxyvitamin D3) {d_iu} mcg")
        else:
            mcg = d_iu / 40
            mcg_s = f"{mcg:g}"
            name = {"D3": "Vitamin D3 (as cholecalciferol)", "D2": "Vitamin D2 (as ergocalciferol)", "?": "Vitamin D"}[d_form]
            parts.append(f"{name} {mcg_s} mcg ({d_iu:,} IU)")
    for f, m in k:
        if f == "K1":
            parts.append(f"Vitamin K1 (as phytonadione) {m:,} mcg")
        elif f == "MK-4":
            parts.append(f"Vitamin K2 (as menatetrenone, MK-4) {m:,} mcg")
        elif f == "MK-7":
            parts.append(f"Vitamin K2 (as menaquinone-7, MenaQ7®) {m:,} mcg")
        else:
            parts.append(f"Vitamin K2 {m:,} mcg")
    return ", ".join(parts)

DOSAGE_WORD = {"softgel": "Softgels", "liquid": "Liquid Drops", "capsule": "Veg Capsules", "tablet": "Tablets", "chewable": "Chewable Tablets",
               "gummy": "Gummies", "powder": "Powder Sachets", "spray": "Oral Spray"}
UNIT = {"softgel": "softgel", "liquid": "drops", "capsule": "capsule", "tablet": "tablet", "chewable": "chewable tablet", "gummy": "gummies",
        "powder": "sachet", "spray": "sprays"}

def sku(prefix, i):
    return f"{prefix}-{i + 1:04d}"

# ---------------------------------------------------------------- A: clean US retailer
def retailer_a():
    out = io.StringIO(newline="")
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["SKU", "Product Name", "Brand", "Supplier", "Vitamin D (IU)", "Vitamin D Form", "Vitamin K2 (mcg)", "K2 Form", "Dosage Form",
                "Serving Size", "Servings Per Day", "Other Ingredients", "Certifications", "Warnings", "Price", "URL"])
    dist = {"Sports Research": "KeHE", "Thorne": "Thorne Direct", "Pure Encapsulations": "Nestlé Health Science", "Life Extension": "Life Extension",
            "NOW Foods": "UNFI", "Now Foods": "UNFI", "Carlson": "KeHE", "Nature's Way": "UNFI", "Garden of Life": "Nestlé Health Science",
            "Doctor's Best": "KeHE", "Jarrow Formulas": "UNFI", "Solgar": "Nestlé Health Science", "Nordic Naturals": "Nordic Naturals",
            "Healthy Origins": "KeHE"}
    for i, (brand, name, d, df, k, dos, units, spd, oth, certs, warn) in enumerate(P[:45]):
        k_forms = "+".join(f for f, _ in k if f != "K2?") if k else ""
        if k and all(f == "K2?" for f, _ in k):
            k_forms = ""
        k_col = "" if not k else str(k2_total(k)) if not any(f == "K1" for f, _ in k) or len(k) > 1 else ""
        d_col = "" if d is None else (f"{d / 40:g} mcg ({d:,} IU)" if i % 4 == 1 else str(d))
        if df == "calcifediol":
            d_col = ""
        title = f"{brand} {name}, {30 * (i % 4 + 1)} {DOSAGE_WORD[dos]}"
        serving = f"{units} {UNIT[dos]}"
        supplier = dist.get(brand, "")
        other = oth
        ingredients_in_other = ing_text_en(d, df, k) if (df == "calcifediol" or any(f == "K1" for f, _ in k)) else ""
        if ingredients_in_other:
            other = f"{ingredients_in_other}. Other ingredients: {oth}" if oth else ingredients_in_other
        w.writerow([sku("USP", i), title, brand, supplier, d_col, {"D3": "Cholecalciferol", "D2": "Ergocalciferol", "?": "", "calcifediol": ""}.get(df, ""),
                    k_col, k_forms, dos.capitalize() if i % 3 else DOSAGE_WORD[dos], serving, str(spd), other, certs, warn,
                    f"{9.99 + i:.2f}", f"https://shop.example.com/p/{sku('USP', i).lower()}"])
    # Formula-looking and edge rows of a real export.
    w.writerow(["USP-0901", "=Vitamin D3 1000 IU + K2 MK-7 45 mcg Softgels", "+Brand", "", "1000", "Cholecalciferol", "45", "MK-7", "Softgel", "1 softgel", "1",
                "MCT oil", "USP Verified", WARN_A, "12.00", ""])
    w.writerow(["USP-0902", "Vitamin D3 + K2 Softgels (label units disagree)", "Acme", "", "125 mcg (4,000 IU)", "D3", "100", "MK-7", "Softgel", "1 softgel", "1",
                "Olive oil", "NSF Certified for Sport", WARN_A, "14.00", ""])
    w.writerow(["USP-0903", "Vitamin D3 + K2 Softgels (typo in amount)", "Acme", "", "500000", "D3", "100", "MK-7", "Softgel", "1 softgel", "1",
                "Olive oil", "NSF Certified for Sport", WARN_A, "14.00", ""])
    w.writerow(["USP-0904", "Vitamin D3 + K2", "Acme", "", "2000", "D3", "100", "MK-7", "", "", "", "", "USP-grade ingredients", WARN_A, "8.00", ""])
    return out.getvalue().encode("utf-8")

# ---------------------------------------------------------------- B: German shop
def de_amount_d(d, i):
    mcg = d / 40
    style = i % 5
    if style == 0:
        return f"{mcg:g} µg".replace(".", ",")
    if style == 1:
        return f"{mcg:g} μg ({d:,} IE)".replace(",", ".").replace(".", ".", 1) if d >= 1000 else f"{mcg:g} μg ({d} IE)"
    if style == 2:
        return f"{d:,} I.E.".replace(",", ".")
    if style == 3:
        return f"{mcg / 1000:g} mg".replace(".", ",")
    return f"{mcg:g} µg ({d:,} IE)".replace(",", ".")

def retailer_b():
    out = io.StringIO(newline="")
    w = csv.writer(out, delimiter=";", lineterminator="\r\n")
    w.writerow(["Artikelnummer", "Bezeichnung", "Marke", "Zutaten", "Sonstige Zutaten", "Darreichungsform", "Verzehrempfehlung", "Siegel", "Warnhinweise", "Preis"])
    forms_de = {"softgel": "Weichkapseln", "liquid": "Tropfen", "capsule": "Kapseln", "tablet": "Tabletten", "chewable": "Kautabletten",
                "gummy": "Fruchtgummis (Gummies)", "powder": "Pulver", "spray": "Mundspray"}
    warn_de = {WARN_A: "Bei Einnahme von Gerinnungshemmern (Blutverdünner) vor der Verwendung ärztlichen Rat einholen.",
               WARN_B: "Nicht geeignet bei Einnahme von Antikoagulanzien vom Cumarin-Typ (z. B. Marcumar).",
               WARN_C: "Keine Einnahme bei Therapie mit Vitamin-K-Antagonisten.", NO_WARN: "Außerhalb der Reichweite von Kindern aufbewahren."}
    for i, (brand, name, d, df, k, dos, units, spd, oth, certs, warn) in enumerate(P[3:]):
        parts = []
        if d is not None and df != "calcifediol":
            nm = {"D3": "Vitamin D3 (Cholecalciferol)", "D2": "Vitamin D2 (Ergocalciferol)", "?": "Vitamin D"}[df]
            parts.append(f"{nm} {de_amount_d(d, i)}")
        elif df == "calcifediol":
            parts.append(f"Calcifediol {d} µg")
        for f, m in k:
            nm = {"K1": "Vitamin K1 (Phyllochinon)", "MK-4": "Vitamin K2 (Menatetrenon, MK-4)", "MK-7": "Vitamin K2 (Menachinon-7, MenaQ7®)",
                  "K2?": "Vitamin K2"}[f]
            amt = f"{m / 1000:g} mg".replace(".", ",") if m >= 10000 else f"{m:,} µg".replace(",", ".")
            parts.append(f"{nm} {amt}")
        oil_de = oth.replace("MCT oil", "MCT-Öl (MCT oil)").replace("olive oil", "Olivenöl (olive oil)").replace("sunflower oil", "Sonnenblumenöl (sunflower oil)")
        dose = {1: "1", 2: "2", 4: "4", 5: "5", 10: "10"}.get(units, str(units))
        unit_de = {"softgel": "Weichkapsel", "liquid": "Tropfen", "capsule": "Kapsel", "tablet": "Tablette", "chewable": "Kautablette",
                   "gummy": "Gummies", "powder": "Sachet", "spray": "Sprühstöße"}[dos]
        directions = f"Take {dose} {UNIT[dos]} daily ({dose} {unit_de} täglich)." if spd == 1 else f"Take {dose} {UNIT[dos]} twice daily."
        title = f"{brand} {name} – {forms_de[dos]}"
        w.writerow([f"DE{100000 + i * 7}", title, brand, "; ".join(parts).replace("; ", ", "), oil_de, forms_de[dos], directions, certs,
                    warn_de.get(warn, warn) + (" " + warn if i % 3 == 0 and warn != NO_WARN and warn in warn_de else ""), f"{12.9 + i:.2f}".replace(".", ",") + " €"])
    return ("\ufeff" + out.getvalue()).encode("utf-8")

# ---------------------------------------------------------------- C: messy marketplace
def retailer_c():
    out = io.StringIO(newline="")
    w = csv.writer(out, delimiter="|", lineterminator="\n")
    w.writerow(["item_id", "title", "brand_name", "long_description", "ingredients", "other ingredients", "directions", "badges"])
    rows = []
    for i, (brand, name, d, df, k, dos, units, spd, oth, certs, warn) in enumerate(P):
        if i % 2 == 1 and i > 10:
            continue
        k_txt = " + ".join(f"K2 ({f}) {m} mcg" if f != "K1" else f"K1 {m} mcg" for f, m in k if f != "K2?")
        if any(f == "K2?" for f, _ in k):
            k_txt = f"K2 {k2_total(k)} mcg"
        d_txt = "" if d is None or df == "calcifediol" else (f"{d:,} IU" if i % 3 else f"{d / 40:g} mcg")
        dname = {"D3": "Vitamin D3", "D2": "Vitamin D2", "?": "Vitamin D", "calcifediol": "Calcifediol", "": ""}[df]
        title = f"{brand} {dname} {d_txt}{' + ' if d_txt and k_txt else ''}{k_txt}, {30 * (i % 3 + 1)} {DOSAGE_WORD[dos]}".replace("  ", " ")
        if df == "calcifediol":
            title = f"{brand} {name}"
        desc = (f"{name}.\n{brand} brings you a daily {dos} "
                f"{'in ' + oth.split(',')[0].lower() if oth and 'oil' in oth.lower() and dos in ('softgel', 'liquid') else ''}. {warn}")
        ingredients = ing_text_en(d, df, k)
        directions = f"Take {units} {UNIT[dos]} daily with a meal." if spd == 1 else f"Take {units} {UNIT[dos]} {spd} times daily."
        if dos == "capsule" and spd == 2:
            directions = f"Take {units} capsule 1–2 times daily with food."
        rows.append([f"MK{5000 + i}", title, brand, desc, ingredients, oth, directions, certs.replace("; ", " | ")])
    # Real-export mess: duplicates, broken rows, out-of-scope items, K1 passed off as K2, A & D.
    rows.append(["MK5000", "Sports Research Vitamin D3 + K2 5000 IU (relisted)", "Sports Research", "Relisted product. " + WARN_A,
                 "Vitamin D3 (as cholecalciferol) 125 mcg (5,000 IU), Vitamin K2 (as MK-7) 100 mcg", "Organic coconut oil", "Take 1 softgel daily.",
                 "NSF Certified for Sport"])
    rows.append(["MK5002", "Thorne Vitamin D/K2 Liquid (duplicate listing)", "Thorne", "Duplicate. " + WARN_A,
                 "Vitamin D3 (as cholecalciferol) 25 mcg (1,000 IU), Vitamin K2 (as menatetrenone) 200 mcg", "MCT oil", "Take 2 drops daily.",
                 "NSF Certified for Sport"])
    rows.append(["MK6001", "Budget Vitamin K2 + D3 1000 IU", "Budget Vitamins", "Vitamin K2 and D3 for bones.",
                 "Vitamin D3 (as cholecalciferol) 25 mcg (1,000 IU), Vitamin K (as phytonadione) 100 mcg", "Dicalcium phosphate", "Take 1 tablet daily.", "Made in a GMP facility"])
    rows.append(["MK6002", "Cod Liver Oil Vitamin A & D-3 25,000/1,000 IU, 100 Softgels", "Nature's Bounty", "Traditional cod liver oil. No vitamin K.",
                 "Vitamin A & D-3 25,000/1,000 IU", "Cod liver oil, gelatin", "Take 1 softgel daily.", "USP Verified"])
    rows.append(["MK6003", "Omega-3 Fish Oil 1000 mg, 120 Softgels", "Nordic Naturals", "Pure fish oil.", "Fish oil 1000 mg (EPA 330 mg, DHA 220 mg)",
                 "Gelatin", "Take 2 softgels daily.", "Friend of the Sea"])
    rows.append(["MK6004", "Magnesium Glycinate 200 mg Tablets", "Doctor's Best", "Chelated magnesium.", "Magnesium 200 mg", "Cellulose", "Take 2 tablets daily.", "Non-GMO"])
    rows.append(["MK6005", "Vitamin D3 + K2 \"Immune\" Drops", "Zein Pharma", "Drops with 1000 IU D3 and 20 mcg K2 (MK-7) per drop.\nSugar free.", "", "MCT oil",
                 "Take 1 drop daily.", "third party lab tested"])
    rows.append(["MK6006", "Vitamin D3 K2 5000 IU", "Acme"])  # broken: too few fields
    rows.append(["MK6007", "Vitamin D3 K2", "Acme", "desc", "ingr", "oth", "dir", "badges", "extra", "fields"])  # broken: too many
    rows.append(["MK6008", "Vitamin D3 + K2 1,000 IU / 75 mcg Softgels", "Acme", "", "", "Olive oil", "Take 1 softgel daily.", "BSCG Certified Drug Free"])
    rows.append(["MK6009", "Liquid Vitamin D3 2,000 IU + K2 as MK-7 100 mcg | 1 fl oz", "Acme",
                 "Our drops are made with MCT oil.\nConsult your physician if you take blood thinners.", "", "", "Take 2 drops twice daily.", "Non-GMO"])
    for r in rows:
        w.writerow(r)
    text = out.getvalue()
    # A raw broken line the writer would never produce: a stray delimiter run.
    text += "MK6010|Vitamin D3 + K2|Acme|||\n"
    return text.encode("utf-8")

open("fixtures/us-pharmacy.csv", "wb").write(retailer_a())
open("fixtures/eu-apotheke.csv", "wb").write(retailer_b())
open("fixtures/marketplace.csv", "wb").write(retailer_c())
for f in ["us-pharmacy", "eu-apotheke", "marketplace"]:
    print(f, sum(1 for _ in csv.reader(io.StringIO(open(f"fixtures/{f}.csv", encoding="utf-8-sig").read(), newline=""), delimiter={"us-pharmacy": ",", "eu-apotheke": ";", "marketplace": "|"}[f])) - 1, "records")
