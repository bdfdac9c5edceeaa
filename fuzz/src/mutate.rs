//! The mutator: small, byte-level and text-aware edits, stacked a few at a
//! time. Every operation is a short function so that a reader can see what
//! kinds of input the harness produces.

use rand::Rng;
use rand::rngs::StdRng;

/// Numbers that tend to find overflow and parsing edge cases.
const HUGE_NUMBERS: &[&str] = &[
    "0",
    "-0",
    "-1",
    "2147483647",
    "2147483648",
    "-2147483649",
    "4294967296",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775809",
    "18446744073709551615",
    "18446744073709551616",
    "340282366920938463463374607431768211456",
    "99999999999999999999999999999999999999999999999999999999999999999999",
    "1e308",
    "1e309",
    "-1e309",
    "4.9e-324",
    "NaN",
    "inf",
    "-Infinity",
    "0x7fffffff",
    "0o777",
    "1_000",
    "+1",
    "00000000000000000000001",
    "1.",
    ".5",
];

/// Byte sequences that are not UTF-8, or are awkward UTF-8.
const AWKWARD_BYTES: &[&[u8]] = &[
    b"\xff",
    b"\xc3",
    b"\xc0\x80",
    b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80",
    b"\xe2\x82",
    b"\x00",
    b"\r",
    b"\r\n",
    b"\n\r",
    b"\t",
    b"\x0b",
    b"\x7f",
    "\u{feff}".as_bytes(),
    "\u{2028}".as_bytes(),
    "\u{202e}".as_bytes(),
    "\u{200d}".as_bytes(),
    "\u{fffd}".as_bytes(),
    "ë".as_bytes(),
    "東京".as_bytes(),
    "𝄞".as_bytes(),
    "e\u{301}".as_bytes(),
];

/// Punctuation that matters to at least one of the formats.
const SPECIALS: &[&[u8]] = &[
    b"\"",
    b"'",
    b"`",
    b"\\",
    b"<",
    b">",
    b"&",
    b"&amp;",
    b"&lt;",
    b"&#0;",
    b"&#x10FFFF;",
    b"&#1114112;",
    b"&#xD800;",
    b"&bogus;",
    b"]]>",
    b"<![CDATA[",
    b"<!--",
    b"-->",
    b"<?",
    b"?>",
    b"{",
    b"}",
    b"[",
    b"]",
    b":",
    b": ",
    b",",
    b"#",
    b"%",
    b"%00",
    b"%ZZ",
    b"%C3%A9",
    b"%c3",
    b"+",
    b"=",
    b"&",
    b"?",
    b"/",
    b"..",
    b"./",
    b"//",
    b"*",
    b"!",
    b"|",
    b">-",
    b"---",
    b"...",
    b"- ",
    b"? ",
    b"&a ",
    b"*a",
    b"<<: ",
    b"!!str ",
    b"!!binary ",
    b"~",
    b"null",
    b"true",
    b"false",
];

/// Parameters of one mutation round.
pub struct Mutator {
    pub rng: StdRng,
    pub max_len: usize,
}

impl Mutator {
    pub fn new(rng: StdRng, max_len: usize) -> Self {
        Mutator { rng, max_len }
    }

    /// A mutated copy of `input`: one to eight stacked operations. `others`
    /// are corpus entries to splice from, `dict` words of the target's format.
    pub fn mutate(&mut self, input: &[u8], others: &[Vec<u8>], dict: &[Vec<u8>]) -> Vec<u8> {
        let mut out = input.to_vec();
        let rounds = 1 << self.rng.gen_range(0..4); // 1, 2, 4 or 8
        for _ in 0..self.rng.gen_range(1..=rounds) {
            self.once(&mut out, others, dict);
            if out.len() > self.max_len {
                out.truncate(self.max_len);
            }
        }
        out
    }

    fn once(&mut self, b: &mut Vec<u8>, others: &[Vec<u8>], dict: &[Vec<u8>]) {
        match self.rng.gen_range(0..24) {
            0 => self.flip_bit(b),
            1 => self.set_byte(b),
            2 => self.insert_random(b),
            3 => self.delete_range(b),
            4 => self.duplicate_range(b),
            5 => self.splice(b, others),
            6 | 7 => self.insert_word(b, dict),
            8 => self.replace_word(b, dict),
            9 => self.repeat_line(b),
            10 => self.delete_line(b),
            11 => self.swap_lines(b),
            12 => self.indent_line(b),
            13 => self.nest_element(b),
            14 => self.nest_brackets(b),
            15 => self.huge_number(b),
            16 => self.insert_from(b, AWKWARD_BYTES),
            17 => self.insert_from(b, SPECIALS),
            18 => self.line_endings(b),
            19 => self.copy_line_from(b, others),
            20 => self.duplicate_element(b),
            21 => self.change_case(b),
            22 => self.value_specials(b),
            _ => self.insert_word(b, dict),
        }
    }

    /// A position in `0..=len`.
    fn pos(&mut self, len: usize) -> usize {
        self.rng.gen_range(0..=len)
    }

    /// A range inside `0..len`, usually short.
    fn range(&mut self, len: usize) -> (usize, usize) {
        if len == 0 {
            return (0, 0);
        }
        let start = self.rng.gen_range(0..len);
        let max = (len - start).min(if self.rng.gen_ratio(1, 8) { len } else { 32 });
        let n = self.rng.gen_range(1..=max.max(1));
        (start, start + n)
    }

    /// How many times to repeat something: mostly a few, sometimes a lot
    /// (around the parsers' nesting limits).
    fn count(&mut self) -> usize {
        const BIG: &[usize] = &[63, 64, 65, 127, 128, 255, 256, 257, 1000, 4096, 20000];
        if self.rng.gen_ratio(1, 4) {
            BIG[self.rng.gen_range(0..BIG.len())]
        } else {
            self.rng.gen_range(2..16)
        }
    }

    fn flip_bit(&mut self, b: &mut [u8]) {
        if !b.is_empty() {
            let i = self.rng.gen_range(0..b.len());
            b[i] ^= 1 << self.rng.gen_range(0..8);
        }
    }

    fn set_byte(&mut self, b: &mut [u8]) {
        const INTERESTING: &[u8] = &[0, 0x7f, 0x80, 0xff, b'\n', b'\r', b' ', b'\t', b'0', b'9'];
        if !b.is_empty() {
            let i = self.rng.gen_range(0..b.len());
            b[i] = if self.rng.gen_bool(0.5) {
                INTERESTING[self.rng.gen_range(0..INTERESTING.len())]
            } else {
                self.rng.r#gen()
            };
        }
    }

    fn insert_random(&mut self, b: &mut Vec<u8>) {
        let at = self.pos(b.len());
        let n = self.rng.gen_range(1..8);
        let bytes: Vec<u8> = (0..n).map(|_| self.rng.r#gen()).collect();
        b.splice(at..at, bytes);
    }

    fn delete_range(&mut self, b: &mut Vec<u8>) {
        let (s, e) = self.range(b.len());
        b.drain(s..e);
    }

    fn duplicate_range(&mut self, b: &mut Vec<u8>) {
        let (s, e) = self.range(b.len());
        let copy = b[s..e].to_vec();
        let at = self.pos(b.len());
        b.splice(at..at, copy);
    }

    /// Replace a range with a range of another corpus entry.
    fn splice(&mut self, b: &mut Vec<u8>, others: &[Vec<u8>]) {
        if others.is_empty() {
            return;
        }
        let o = &others[self.rng.gen_range(0..others.len())];
        let (os, oe) = self.range(o.len());
        let (s, e) = self.range(b.len());
        let piece = o[os..oe].to_vec();
        if self.rng.gen_bool(0.5) {
            b.splice(s..e, piece);
        } else {
            let at = self.pos(b.len());
            b.splice(at..at, piece);
        }
    }

    fn insert_word(&mut self, b: &mut Vec<u8>, dict: &[Vec<u8>]) {
        if dict.is_empty() {
            return self.insert_from(b, SPECIALS);
        }
        let w = dict[self.rng.gen_range(0..dict.len())].clone();
        let at = self.pos(b.len());
        b.splice(at..at, w);
    }

    /// Replace an identifier-like word with a dictionary word.
    fn replace_word(&mut self, b: &mut Vec<u8>, dict: &[Vec<u8>]) {
        let words = word_spans(b);
        if words.is_empty() || dict.is_empty() {
            return self.insert_word(b, dict);
        }
        let (s, e) = words[self.rng.gen_range(0..words.len())];
        let w = dict[self.rng.gen_range(0..dict.len())].clone();
        b.splice(s..e, w);
    }

    fn insert_from(&mut self, b: &mut Vec<u8>, list: &[&[u8]]) {
        let w = list[self.rng.gen_range(0..list.len())];
        let at = self.pos(b.len());
        b.splice(at..at, w.iter().copied());
    }

    /// Repeat one line (with its newline) several times in place.
    fn repeat_line(&mut self, b: &mut Vec<u8>) {
        let lines = line_spans(b);
        if lines.is_empty() {
            return;
        }
        let (s, e) = lines[self.rng.gen_range(0..lines.len())];
        let mut line = b[s..e].to_vec();
        if line.last() != Some(&b'\n') {
            line.push(b'\n');
        }
        let n = self.count().min(self.max_len / line.len().max(1));
        let rep = line.repeat(n);
        b.splice(s..s, rep);
    }

    fn delete_line(&mut self, b: &mut Vec<u8>) {
        let lines = line_spans(b);
        if !lines.is_empty() {
            let (s, e) = lines[self.rng.gen_range(0..lines.len())];
            b.drain(s..e);
        }
    }

    fn swap_lines(&mut self, b: &mut Vec<u8>) {
        let lines = line_spans(b);
        if lines.len() < 2 {
            return;
        }
        let i = self.rng.gen_range(0..lines.len());
        let j = self.rng.gen_range(0..lines.len());
        let (i, j) = (i.min(j), i.max(j));
        if i == j {
            return;
        }
        let (a, c) = (lines[i], lines[j]);
        let mut out = Vec::with_capacity(b.len() + 1);
        out.extend_from_slice(&b[..a.0]);
        out.extend_from_slice(&b[c.0..c.1]);
        if !b[c.0..c.1].ends_with(b"\n") {
            out.push(b'\n');
        }
        out.extend_from_slice(&b[a.1..c.0]);
        out.extend_from_slice(&b[a.0..a.1]);
        out.extend_from_slice(&b[c.1..]);
        *b = out;
    }

    /// Indent or dedent a line (YAML structure).
    fn indent_line(&mut self, b: &mut Vec<u8>) {
        let lines = line_spans(b);
        if lines.is_empty() {
            return;
        }
        let (s, _) = lines[self.rng.gen_range(0..lines.len())];
        match self.rng.gen_range(0..4) {
            0 => {
                b.splice(s..s, *b"  ");
            }
            1 => {
                b.splice(s..s, *b"\t");
            }
            2 => {
                let n = self.count();
                b.splice(s..s, std::iter::repeat_n(b' ', n));
            }
            _ => {
                let n = b[s..].iter().take_while(|c| **c == b' ').count();
                let k = self.rng.gen_range(0..=n);
                b.drain(s..s + k);
            }
        }
    }

    /// Wrap a range that starts at `<` in a tag repeated N deep:
    /// `<e><e>…range…</e></e>` (XML nesting), or wrap a whole element in a
    /// copy of its own start tag.
    fn nest_element(&mut self, b: &mut Vec<u8>) {
        let starts: Vec<usize> = (0..b.len())
            .filter(|&i| b[i] == b'<' && b.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic()))
            .collect();
        if starts.is_empty() {
            return self.nest_brackets(b);
        }
        let s = starts[self.rng.gen_range(0..starts.len())];
        let name_end = (s + 1..b.len())
            .find(|&i| !(b[i].is_ascii_alphanumeric() || b"_-.:".contains(&b[i])))
            .unwrap_or(b.len());
        let name = b[s + 1..name_end].to_vec();
        let close = [b"</".as_slice(), &name, b">"].concat();
        // End of the element: its closing tag when there is one, else the end of the start tag.
        let end = find(&b[s..], &close)
            .map(|i| s + i + close.len())
            .or_else(|| find(&b[s..], b">").map(|i| s + i + 1))
            .unwrap_or(b.len());
        let n = self.count().min(self.max_len / (2 * name.len() + 5));
        let open = [b"<".as_slice(), &name, b">"].concat();
        b.splice(end..end, close.repeat(n));
        b.splice(s..s, open.repeat(n));
    }

    /// Deep nesting for JSON and YAML flow style: `[[[…]]]` or `{"a":{"a":…}}`.
    fn nest_brackets(&mut self, b: &mut Vec<u8>) {
        let n = self.count().min(self.max_len / 8);
        let (open, close): (&[u8], &[u8]) = match self.rng.gen_range(0..4) {
            0 => (b"[", b"]"),
            1 => (b"{\"a\":", b"}"),
            2 => (b"{a: ", b"}"),
            _ => (b"- ", b""),
        };
        let (s, e) = self.range(b.len());
        b.splice(e..e, close.repeat(n));
        b.splice(s..s, open.repeat(n));
    }

    /// Replace a run of digits (or insert) with an extreme number.
    fn huge_number(&mut self, b: &mut Vec<u8>) {
        let num = HUGE_NUMBERS[self.rng.gen_range(0..HUGE_NUMBERS.len())].as_bytes();
        let runs: Vec<(usize, usize)> = spans(b, |c| c.is_ascii_digit());
        if runs.is_empty() || self.rng.gen_ratio(1, 4) {
            let at = self.pos(b.len());
            b.splice(at..at, num.iter().copied());
        } else {
            let (s, e) = runs[self.rng.gen_range(0..runs.len())];
            b.splice(s..e, num.iter().copied());
        }
    }

    /// `\n` into `\r\n`, `\r`, or the other way round, on one line or all.
    fn line_endings(&mut self, b: &mut Vec<u8>) {
        let all = self.rng.gen_bool(0.3);
        let to: &[u8] = match self.rng.gen_range(0..3) {
            0 => b"\r\n",
            1 => b"\r",
            _ => b"\n\n",
        };
        let nls: Vec<usize> = (0..b.len()).filter(|&i| b[i] == b'\n').collect();
        if nls.is_empty() {
            return;
        }
        if all {
            let mut out = Vec::with_capacity(b.len() * 2);
            for &c in b.iter() {
                if c == b'\n' {
                    out.extend_from_slice(to);
                } else {
                    out.push(c);
                }
            }
            *b = out;
        } else {
            let i = nls[self.rng.gen_range(0..nls.len())];
            b.splice(i..i + 1, to.iter().copied());
        }
    }

    /// Insert a line of another corpus entry at a line start.
    fn copy_line_from(&mut self, b: &mut Vec<u8>, others: &[Vec<u8>]) {
        if others.is_empty() {
            return;
        }
        let o = &others[self.rng.gen_range(0..others.len())];
        let lines = line_spans(o);
        if lines.is_empty() {
            return;
        }
        let (os, oe) = lines[self.rng.gen_range(0..lines.len())];
        let mut line = o[os..oe].to_vec();
        if line.last() != Some(&b'\n') {
            line.push(b'\n');
        }
        let mine = line_spans(b);
        let at = if mine.is_empty() {
            0
        } else {
            mine[self.rng.gen_range(0..mine.len())].0
        };
        b.splice(at..at, line);
    }

    /// Repeat a whole element (`<a>…</a><a>…</a>`).
    fn duplicate_element(&mut self, b: &mut Vec<u8>) {
        let starts: Vec<usize> = (0..b.len())
            .filter(|&i| b[i] == b'<' && b.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic()))
            .collect();
        if starts.is_empty() {
            return self.duplicate_range(b);
        }
        let s = starts[self.rng.gen_range(0..starts.len())];
        let name_end = (s + 1..b.len())
            .find(|&i| !(b[i].is_ascii_alphanumeric() || b"_-.:".contains(&b[i])))
            .unwrap_or(b.len());
        let close = [b"</".as_slice(), &b[s + 1..name_end], b">"].concat();
        let Some(end) = find(&b[s..], &close).map(|i| s + i + close.len()) else {
            return;
        };
        let piece = b[s..end].to_vec();
        let n = self.count().min(self.max_len / piece.len().max(1)).max(1);
        b.splice(end..end, piece.repeat(n));
    }

    /// Put an awkward character where a value starts: after `="` (an XML
    /// attribute), after `>` (element text) or after `: ` (a YAML value).
    fn value_specials(&mut self, b: &mut Vec<u8>) {
        const VALUES: &[&[u8]] = &[
            b"&#10;",
            b"&#9;",
            b"&#13;",
            b"&#32;",
            b"\n",
            b"\t",
            b"\r\n",
            b"\r",
            b" ",
            b"  ",
            b"&amp;",
            b"&lt;",
            b"&gt;",
            b"&quot;",
            b"&apos;",
            b"<",
            b"&",
            b"\"",
            b"'",
            b"]]>",
            b"&#0;",
            b"&#xFFFE;",
            b"\xc2\xa0",
            b"\xe2\x80\xa8",
            b"\x00",
            b"\x7f",
            b"#",
            b": ",
        ];
        let starts: Vec<usize> = (0..b.len())
            .filter(|&i| {
                (i >= 2 && &b[i - 2..i] == b"=\"")
                    || (i >= 1 && b[i - 1] == b'>')
                    || (i >= 2 && &b[i - 2..i] == b": ")
            })
            .collect();
        if starts.is_empty() {
            return self.insert_from(b, VALUES);
        }
        let at = starts[self.rng.gen_range(0..starts.len())];
        // At the start of the value or a little further into it.
        let at = (at + self.rng.gen_range(0..3)).min(b.len());
        let v = VALUES[self.rng.gen_range(0..VALUES.len())];
        b.splice(at..at, v.iter().copied());
    }

    /// Upper- or lower-case a word (keys, keywords, tag names).
    fn change_case(&mut self, b: &mut [u8]) {
        let words = word_spans(b);
        if words.is_empty() {
            return;
        }
        let (s, e) = words[self.rng.gen_range(0..words.len())];
        let up = self.rng.gen_bool(0.5);
        for c in &mut b[s..e] {
            *c = if up {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            };
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Byte ranges of lines, newline included.
fn line_spans(b: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &c) in b.iter().enumerate() {
        if c == b'\n' {
            out.push((start, i + 1));
            start = i + 1;
        }
    }
    if start < b.len() {
        out.push((start, b.len()));
    }
    out
}

fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

fn spans(b: &[u8], f: impl Fn(u8) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if f(b[i]) {
            let s = i;
            while i < b.len() && f(b[i]) {
                i += 1;
            }
            out.push((s, i));
        } else {
            i += 1;
        }
    }
    out
}

fn word_spans(b: &[u8]) -> Vec<(usize, usize)> {
    spans(b, is_word)
}

/// Identifier-like words of the seeds, for the dictionary (at most `max`).
pub fn words_of(seeds: &[Vec<u8>], max: usize) -> Vec<Vec<u8>> {
    let mut seen = std::collections::BTreeSet::new();
    for s in seeds {
        for (a, e) in word_spans(s) {
            if e - a >= 2 && e - a <= 40 {
                seen.insert(s[a..e].to_vec());
            }
            if seen.len() >= max {
                return seen.into_iter().collect();
            }
        }
    }
    seen.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn mutations_stay_within_the_size_bound_and_change_something() {
        let mut m = Mutator::new(StdRng::seed_from_u64(7), 4096);
        let seed = b"<Records>\n  <ImagenRecord ID=\"-1\">\n    <Fields><Title>x</Title></Fields>\n  </ImagenRecord>\n</Records>\n".to_vec();
        let dict = words_of(std::slice::from_ref(&seed), 100);
        let mut changed = 0;
        for _ in 0..5000 {
            let out = m.mutate(&seed, std::slice::from_ref(&seed), &dict);
            assert!(out.len() <= 4096);
            if out != seed {
                changed += 1;
            }
        }
        assert!(changed > 4000, "{changed}");
    }

    #[test]
    fn empty_input_is_fine() {
        let mut m = Mutator::new(StdRng::seed_from_u64(1), 64);
        for _ in 0..2000 {
            let out = m.mutate(b"", &[], &[]);
            assert!(out.len() <= 64);
        }
    }

    #[test]
    fn line_swap_keeps_every_byte() {
        let mut m = Mutator::new(StdRng::seed_from_u64(3), 1 << 20);
        let mut b = b"a\nbb\nccc\ndddd".to_vec();
        for _ in 0..50 {
            m.swap_lines(&mut b);
            let mut sorted = b.clone();
            sorted.sort();
            let mut want = b"a\nbb\nccc\ndddd\n".to_vec();
            want.sort();
            assert!(sorted == want || sorted.len() + 1 == want.len(), "{b:?}");
        }
    }
}
