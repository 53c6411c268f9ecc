#!/usr/bin/env python3
"""Writes fixtures/hostile.csv: a catalogue that mixes every defect a real export can carry.

Run from the repository root: python3 scripts/make-hostile-fixture.py
The file is committed; this script documents how its bytes were made.
"""

HEADER = "SKU,Product Name,Brand,Vitamin D,Vitamin K2 (mcg),Dosage Form,Other Ingredients,Certifications,Warnings,Description"
GOOD_WARN = "Consult your doctor before use if you take blood thinners such as warfarin."

def row(*cells):
    out = []
    for c in cells:
        if any(ch in c for ch in ',"\n\r'):
            c = '"' + c.replace('"', '""') + '"'
        out.append(c)
    return ",".join(out)

lines = [HEADER]
# 1. A sound product, for contrast.
lines.append(row("HX-001", "Sports Research Vitamin D3 + K2 5000 IU", "Sports Research", "125 mcg (5,000 IU)", "100", "Softgel",
                 "Organic coconut oil, sunflower lecithin", "NSF Certified for Sport", GOOD_WARN, "MK-7 as MenaQ7."))
# 2. Formula injection in text cells.
lines.append(row("=HYPERLINK(\"http://evil.example\",\"click\")", "+SUM(A1:A9) Vitamin D3 1000 IU K2 MK-7 50 mcg", "-Brand", "1000 IU", "50",
                 "Liquid", "MCT oil", "@Informed Choice", GOOD_WARN, "-1 drops"))
# 3. Too few fields.
lines.append("HX-003,Ragged Vitamin D3 K2,Acme")
# 4. Too many fields.
lines.append(row("HX-004", "Vitamin D3 K2 MK-7 too many", "Acme", "1000 IU", "100", "Softgel", "MCT oil", "USP Verified", GOOD_WARN, "desc", "extra", "more"))
# 5. A stray quote inside an unquoted field (read literally).
lines.append('HX-005,NOW 12" Vitamin D-3 & K-2 1000 IU,NOW Foods,1000 IU,45,Veg Capsule,Rice flour,GMP,Consult physician if taking anticoagulants,MK-7')
# 6. Empty lines.
lines.append("")
lines.append("")
# 7. Amounts in words, "see label", "N/A".
lines.append(row("HX-007", "Vitamin D3 + K2 Drops", "Acme", "five thousand IU", "100", "Liquid", "MCT oil", "NSF Certified for Sport", GOOD_WARN, "MK-7"))
lines.append(row("HX-008", "Vitamin D3 + K2 Softgels", "Acme", "see label", "see label", "Softgel", "Olive oil", "USP Verified", GOOD_WARN, "MK-7"))
lines.append(row("HX-009", "Vitamin D3 5000 IU + K2 (MK-7)", "Acme", "N/A", "100", "Softgel", "Olive oil", "USP Verified", GOOD_WARN, ""))
# 8. Absurd values.
lines.append(row("HX-010", "Vitamin D3 + K2 MK-7", "Acme", "10,000,000 IU", "100", "Softgel", "MCT oil", "Informed Sport", GOOD_WARN, ""))
# 9. Title and column disagree.
lines.append(row("HX-011", "Vitamin D3 1000 IU + K2 MK-7 100 mcg", "Acme", "5000 IU", "100", "Softgel", "MCT oil", "Informed Sport", GOOD_WARN, ""))
# 10. Duplicate SKU.
lines.append(row("HX-001", "Sports Research Vitamin D3 + K2 5000 IU (duplicate listing)", "Sports Research", "5000 IU", "100", "Softgel",
                 "Organic coconut oil", "NSF Certified for Sport", GOOD_WARN, "MK-7"))
# 11. NUL and control characters.
lines.append(row("HX-013", "Vitamin D3\x00 + K2\x07 MK-7 1000 IU 50 mcg", "Acme", "1000 IU", "50", "Liquid", "MCT oil", "BSCG", GOOD_WARN, ""))
# 12. A 100 KB field.
lines.append(row("HX-014", "Vitamin D3 2000 IU + K2 MK-7 90 mcg", "Acme", "2000 IU", "90", "Softgel", "Olive oil", "NSF/ANSI 173",
                 GOOD_WARN, "Long description. " * 5700))
# 13. Double-encoded UTF-8 (mojibake).
lines.append(row("HX-015", "Vitamin D3 125 Âµg + K2 MenaQ7Â® 100 Âµg", "Acme", "", "", "Softgel", "MCT-Ã–l (MCT oil)", "Informed Sport", GOOD_WARN, ""))
text = "\n".join(lines) + "\n"
data = text.encode("utf-8")
# 14. A record in Windows-1252 inside the UTF-8 file (µ as 0xB5, ® as 0xAE).
data += row("HX-016", "Vitamin D3 25 µg + K2 MenaQ7® 75 µg Drops", "Acme", "", "", "Liquid", "MCT oil", "USP Verified", GOOD_WARN, "").encode("cp1252") + b"\n"
# 15. The last record is cut inside an open quote.
data += b'HX-017,"Vitamin D3 + K2 cut short,Acme,1000 IU,50,Liquid,MCT oil\n'
open("fixtures/hostile.csv", "wb").write(data)
print(f"fixtures/hostile.csv: {len(data)} bytes")
