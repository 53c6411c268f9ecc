//! Numbers for people and for files: amounts with thousands separators, CSV numbers, hex digests.
//! A leaf: imports nothing from the crate.

/// Formats an amount for people: no decimals when whole, otherwise up to two, with thousands
/// separators (`5,000`, `62.5`, `0.25`).
pub fn human_amount(x: f64) -> String {
    let rounded = (x * 100.0).round() / 100.0;
    let int = rounded.trunc() as i64;
    let frac = ((rounded - int as f64).abs() * 100.0).round() as i64;
    let mut out = String::with_capacity(16);
    if int < 0 || (int == 0 && rounded < 0.0) {
        out.push('-');
    }
    let mut digits = [0u8; 20];
    let mut n = int.unsigned_abs();
    let mut len = 0;
    loop {
        digits[len] = b'0' + (n % 10) as u8;
        len += 1;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for i in (0..len).rev() {
        out.push(char::from(digits[i]));
        if i > 0 && i % 3 == 0 {
            out.push(',');
        }
    }
    // `frac` is hundredths (0..=99): one decimal, or two when the second is not 0.
    if frac != 0 {
        out.push('.');
        out.push(char::from(b'0' + (frac / 10) as u8));
        if frac % 10 != 0 {
            out.push(char::from(b'0' + (frac % 10) as u8));
        }
    }
    out
}

/// A number for a CSV cell: whole numbers without decimals, otherwise up to two.
pub fn num(x: f64) -> String {
    if !x.is_finite() {
        return String::new();
    }
    let r = (x * 100.0).round() / 100.0;
    if (r - r.round()).abs() < 1e-9 {
        format!("{}", r.round() as i64)
    } else {
        let s = format!("{r:.2}");
        s.trim_end_matches('0').to_string()
    }
}

/// Lower-case hex of a digest.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The straightforward version `human_amount` must agree with.
    fn human_amount_reference(x: f64) -> String {
        let rounded = (x * 100.0).round() / 100.0;
        let int = rounded.trunc() as i64;
        let frac = ((rounded - int as f64).abs() * 100.0).round() as i64;
        let mut digits = int.abs().to_string();
        let mut grouped = String::new();
        while digits.len() > 3 {
            let tail = digits.split_off(digits.len() - 3);
            grouped = format!(",{tail}{grouped}");
        }
        grouped = format!("{digits}{grouped}");
        if int < 0 || (int == 0 && rounded < 0.0) {
            grouped.insert(0, '-');
        }
        if frac == 0 {
            grouped
        } else if frac % 10 == 0 {
            format!("{grouped}.{}", frac / 10)
        } else {
            format!("{grouped}.{frac:02}")
        }
    }

    proptest::proptest! {
        #[test]
        fn human_amount_agrees_with_reference(x in proptest::prop_oneof![-1e7f64..1e12, 0.0f64..5.0]) {
            proptest::prop_assert_eq!(human_amount(x), human_amount_reference(x));
        }
    }

    #[test]
    fn human_amounts() {
        for (x, s) in [(5000.0, "5,000"), (62.5, "62.5"), (0.25, "0.25"), (1234567.0, "1,234,567"), (18.0, "18"), (0.0, "0")] {
            assert_eq!(human_amount(x), s, "{x}");
        }
    }
}
