//! HTML in text fields (Shopify's `Body (HTML)`, marketplace descriptions) read as text: tags
//! removed, entities decoded, block tags (`<p>`, `<br>`, `<li>`, `<tr>`, headings...) as line
//! breaks, so extraction sees paragraphs as separate lines and evidence quotes readable text.
//! Only a field holding `<` or `&` pays for it (see [`may_hold_html`]).

use std::borrow::Cow;

/// Cheap pre-check for the hot path: a field without `<` or `&` is never touched.
pub fn may_hold_html(s: &str) -> bool {
    memchr::memchr2(b'<', b'&', s.as_bytes()).is_some()
}

/// [`may_hold_html`] for raw bytes (a whole record at once).
pub fn may_hold_html_bytes(b: &[u8]) -> bool {
    memchr::memchr2(b'<', b'&', b).is_some()
}

/// Named entities seen in product texts (the common Latin-1 letters, units and typography).
const ENTITIES: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", ' '),
    ("micro", 'µ'),
    ("mu", 'μ'),
    ("reg", '®'),
    ("trade", '™'),
    ("copy", '©'),
    ("deg", '°'),
    ("plusmn", '±'),
    ("times", '×'),
    ("middot", '·'),
    ("bull", '•'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("hellip", '…'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("frac12", '½'),
    ("frac14", '¼'),
    ("frac34", '¾'),
    ("sup2", '²'),
    ("sup3", '³'),
    ("euro", '€'),
    ("pound", '£'),
    ("shy", '\u{AD}'),
    ("eacute", 'é'),
    ("Eacute", 'É'),
    ("egrave", 'è'),
    ("ecirc", 'ê'),
    ("euml", 'ë'),
    ("aacute", 'á'),
    ("agrave", 'à'),
    ("acirc", 'â'),
    ("auml", 'ä'),
    ("Auml", 'Ä'),
    ("iacute", 'í'),
    ("iuml", 'ï'),
    ("oacute", 'ó'),
    ("ocirc", 'ô'),
    ("ouml", 'ö'),
    ("Ouml", 'Ö'),
    ("uacute", 'ú'),
    ("ucirc", 'û'),
    ("uuml", 'ü'),
    ("Uuml", 'Ü'),
    ("szlig", 'ß'),
    ("ccedil", 'ç'),
    ("ntilde", 'ñ'),
    ("oslash", 'ø'),
    ("aring", 'å'),
];

/// Tags that end a line of text.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "div",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "hr",
    "pre",
    "caption",
];

/// The text of a field that may hold HTML. Text without a tag or a known entity comes back
/// unchanged (borrowed): `a < b`, `R&D`, `<5 mg` are not HTML.
pub fn html_to_text(s: &str) -> Cow<'_, str> {
    if !may_hold_html(s) {
        return Cow::Borrowed(s);
    }
    let has_tag = (0..s.len()).any(|i| s.as_bytes()[i] == b'<' && parse_tag(&s[i..]).is_some());
    let mut out = String::with_capacity(s.len());
    let mut changed = false;
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        let c = rest.as_bytes()[0];
        if c == b'<'
            && has_tag
            && let Some(tag) = parse_tag(rest)
        {
            changed = true;
            i += tag.len + skip_contents(&rest[tag.len..], &tag);
            if BLOCK_TAGS.contains(&tag.name.as_str()) {
                push_break(&mut out);
            } else if matches!(tag.name.as_str(), "td" | "th") {
                push_space(&mut out);
            }
            continue;
        }
        if c == b'&'
            && let Some((len, ch)) = parse_entity(rest)
        {
            changed = true;
            out.push(ch);
            i += len;
            continue;
        }
        let ch = rest.chars().next().unwrap_or(' ');
        if has_tag && ch.is_whitespace() {
            push_space(&mut out);
        } else {
            out.push(ch);
        }
        i += ch.len_utf8();
    }
    if !changed {
        return Cow::Borrowed(s);
    }
    Cow::Owned(out.trim().to_string())
}

struct Tag {
    /// Bytes up to and including the closing `>`.
    len: usize,
    /// Lowercase name (`p`, `br`, `!--` for a comment).
    name: String,
    closing: bool,
}

/// A tag at the start of `s`: `<` then a letter, `/` + letter or `!`, up to the next `>`.
fn parse_tag(s: &str) -> Option<Tag> {
    let b = s.as_bytes();
    if s.starts_with("<!--") {
        let end = s.strip_prefix("<!--")?.find("-->")? + 4 + 3;
        return Some(Tag { len: end, name: "!--".into(), closing: false });
    }
    let closing = b.get(1) == Some(&b'/');
    let start = if closing { 2 } else { 1 };
    let first = *b.get(start)?;
    if !(first.is_ascii_alphabetic() || (first == b'!' && !closing)) {
        return None;
    }
    let end = memchr::memchr(b'>', b)?;
    let name: String =
        s[start..end].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '!').collect::<String>().to_ascii_lowercase();
    Some(Tag { len: end + 1, name, closing })
}

/// Bytes to skip after an opening `<script>` or `<style>`: its contents and closing tag.
fn skip_contents(after: &str, tag: &Tag) -> usize {
    if tag.closing || !matches!(tag.name.as_str(), "script" | "style") {
        return 0;
    }
    let close = format!("</{}", tag.name);
    let lower = after.to_ascii_lowercase();
    match lower.find(&close) {
        Some(at) => at + after[at..].find('>').map_or(after.len() - at, |e| e + 1),
        None => after.len(),
    }
}

/// An entity at the start of `s` (`&amp;`, `&#181;`, `&#x3BC;`): its length and character.
fn parse_entity(s: &str) -> Option<(usize, char)> {
    let semi = s.as_bytes().iter().take(12).position(|&b| b == b';')?;
    let body = &s[1..semi];
    let ch = if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        match char::from_u32(code)? {
            '\u{A0}' => ' ',
            c => c,
        }
    } else {
        ENTITIES.iter().find(|(n, _)| *n == body).map(|(_, c)| *c)?
    };
    Some((semi + 1, ch))
}

fn push_space(out: &mut String) {
    if !out.is_empty() && !out.ends_with([' ', '\n']) {
        out.push(' ');
    }
}

fn push_break(out: &mut String) {
    while out.ends_with(' ') {
        out.pop();
    }
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_fields_read_as_text() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "shopify body: paragraphs become lines",
                "<p><strong>Vitamin D3</strong> 2000 IU</p>\n<p><strong>Vitamin K2</strong> (MK-7) 100&nbsp;&micro;g</p>",
                "Vitamin D3 2000 IU\nVitamin K2 (MK-7) 100 µg",
            ),
            (
                "br and li",
                "Form: softgel<br>Contents: 60<br/><ul><li>MCT oil</li><li>no gluten</li></ul>",
                "Form: softgel\nContents: 60\nMCT oil\nno gluten",
            ),
            (
                "table rows and cells",
                "<table><tr><td>Vitamin K2</td><td>100 mcg</td></tr><tr><td>Vitamin D3</td><td>50 mcg</td></tr></table>",
                "Vitamin K2 100 mcg\nVitamin D3 50 mcg",
            ),
            ("headings", "<h2>Supplement Facts</h2><p>D3 1000 IU</p>", "Supplement Facts\nD3 1000 IU"),
            ("numeric entities", "K2 100 &#181;g, K2 100 &#x3BC;g, &#x3bc;g", "K2 100 µg, K2 100 μg, μg"),
            ("named entities", "MenaQ7&reg; &amp; Quali&trade;-D, caf&eacute;, &quot;pure&quot;", "MenaQ7® & Quali™-D, café, \"pure\""),
            (
                "attributes and comments",
                "<div class=\"desc\" data-x='1'><!-- note --><span style=\"color:red\">D3</span> 5000 IU</div>",
                "D3 5000 IU",
            ),
            ("script and style dropped", "<style>p{color:red}</style><p>K2 MK-7</p><script>var a = '<p>';</script>", "K2 MK-7"),
            ("source newlines collapse in html", "<p>Vitamin D3\n   1000 IU</p>", "Vitamin D3 1000 IU"),
            ("entity only text keeps its newlines", "D3 &amp; K2\nsoftgels", "D3 & K2\nsoftgels"),
        ];
        for (name, input, want) in cases {
            assert_eq!(html_to_text(input), *want, "{name}");
        }
    }

    #[test]
    fn text_that_is_not_html_is_untouched() {
        let cases: &[(&str, &str)] = &[
            ("less than", "K2 <5 mg per day, a < b"),
            ("ampersand word", "R&D by Smith & Sons"),
            ("unknown entity", "&foo; stays"),
            ("no closing bracket", "<b unclosed"),
            ("plain", "Vitamin D3 1000 IU"),
        ];
        for (name, input) in cases {
            assert!(matches!(html_to_text(input), Cow::Borrowed(s) if s == *input), "{name}");
        }
    }
}
