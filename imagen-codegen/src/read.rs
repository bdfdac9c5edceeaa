//! Reading the YAML text into a [`Spec`]. Most of a large description is
//! its `resources:` block, and the YAML library is most of the time
//! `generate!` spends (a proc macro runs unoptimized in a dev build): a
//! large description is read in two parts on two threads.
//!
//! The split is textual and checked, never trusted:
//! - part A is the text with the second half of the `resources:` entries
//!   blanked, part B the text with everything but the `resources:` line and
//!   that second half blanked. Blanking keeps every line break, so every
//!   line and column the parser records is the one in the file;
//! - the split is only tried on a plain block layout (a top-level
//!   `resources:` line, entries at one indentation, no directives or
//!   document markers), and the parts must hold exactly the entries the text
//!   shows, with no name in both;
//! - anything else — a part that fails to parse, a count that differs, a
//!   name in both parts — reads the whole text in one piece, which gives the
//!   result or the error exactly as before.

use serde::Deserialize;

use crate::spec::{Map, ResourceSpec, Spec};

/// Below this size a second thread costs more than it saves.
const PARALLEL_FROM_BYTES: usize = 64 * 1024;

/// Parses the description: in two parts when it is large and laid out
/// plainly, else in one piece.
pub(crate) fn read(source: &str) -> Result<Spec, serde_saphyr::Error> {
    if crate::parallel::two_cores()
        && source.len() >= PARALLEL_FROM_BYTES
        && let Some(split) = Split::find(source)
        && let Some(spec) = read_in_two_parts(source, &split)
    {
        return Ok(spec);
    }
    whole(source)
}

fn whole(source: &str) -> Result<Spec, serde_saphyr::Error> {
    serde_saphyr::from_str_with_options(source, crate::yaml_options(source))
}

/// Part B's model: only `resources:` has content, the rest is blank.
#[derive(Deserialize)]
struct Tail {
    resources: Map<ResourceSpec>,
}

fn read_in_two_parts(source: &str, split: &Split) -> Option<Spec> {
    let (a, b) = split.parts(source);
    let (spec, tail) = crate::parallel::join(
        || whole(&a).ok(),
        || serde_saphyr::from_str_with_options::<Tail>(&b, crate::yaml_options(&b)).ok(),
    );
    let (mut spec, tail) = (spec?, tail?);
    if spec.resources.len() != split.first_entries || tail.resources.len() != split.second_entries {
        return None;
    }
    let names: std::collections::HashSet<&str> =
        spec.resources.keys().map(|k| k.value.as_str()).collect();
    if tail
        .resources
        .keys()
        .any(|k| names.contains(k.value.as_str()))
    {
        return None;
    }
    spec.resources.extend(tail.resources);
    Some(spec)
}

/// Where the `resources:` block is and where it is cut (line indices).
#[derive(Debug, PartialEq)]
struct Split {
    /// The `resources:` line.
    key: usize,
    /// The first line of the second half (an entry's key line).
    at: usize,
    /// The first line after the block (or the line count).
    end: usize,
    /// Entries before and from `at`.
    first_entries: usize,
    second_entries: usize,
}

impl Split {
    fn find(source: &str) -> Option<Split> {
        let lines: Vec<&str> = source.split('\n').collect();
        // Directives and document markers: read in one piece.
        if lines
            .iter()
            .any(|l| l.starts_with('%') || l.starts_with("---") || l.starts_with("..."))
        {
            return None;
        }
        let is_key_line = |l: &str, name: &str| {
            l.strip_prefix(name)
                .and_then(|r| r.strip_prefix(':'))
                .is_some_and(|r| {
                    let r = r.trim_end_matches('\r').trim_start_matches(' ');
                    r.is_empty() || r.starts_with('#')
                })
        };
        let mut keys = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| is_key_line(l, "resources"));
        let (key, _) = keys.next()?;
        if keys.next().is_some() {
            return None;
        }
        let content = |l: &str| {
            let t = l.trim_start_matches(' ').trim_end_matches('\r');
            !t.is_empty() && !t.starts_with('#')
        };
        let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
        let first = (key + 1..lines.len()).find(|&i| content(lines[i]))?;
        let child = indent(lines[first]);
        if child == 0 {
            return None;
        }
        let end = (first..lines.len())
            .find(|&i| content(lines[i]) && indent(lines[i]) == 0)
            .unwrap_or(lines.len());
        // Entry key lines: `name:` at the child indentation with nothing
        // after the colon but a comment (the entry is a block mapping).
        let entry = |l: &str| {
            if indent(l) != child {
                return false;
            }
            let t = &l[child..];
            let name_len = t
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
                .unwrap_or(t.len());
            name_len > 0 && is_key_line(t, &t[..name_len])
        };
        let entries: Vec<usize> = (first..end).filter(|&i| entry(lines[i])).collect();
        if entries.len() < 2 || entries[0] != first {
            return None;
        }
        // Every line of the block at the child indentation must be an entry
        // key: anything else is a layout this split does not understand.
        if (first..end).any(|i| content(lines[i]) && indent(lines[i]) <= child && !entry(lines[i]))
        {
            return None;
        }
        // Cut at the entry nearest the middle of the text (part A also holds
        // everything outside the block).
        let mut offset = 0;
        let mut starts = Vec::with_capacity(lines.len());
        for l in &lines {
            starts.push(offset);
            offset += l.len() + 1;
        }
        let middle = source.len() / 2;
        let (n, &at) = entries
            .iter()
            .enumerate()
            .skip(1)
            .min_by_key(|&(_, &i)| starts[i].abs_diff(middle))?;
        Some(Split {
            key,
            at,
            end,
            first_entries: n,
            second_entries: entries.len() - n,
        })
    }

    /// Parts A and B: the text with some lines blanked (their line breaks
    /// kept).
    fn parts(&self, source: &str) -> (String, String) {
        let mut a = String::with_capacity(source.len());
        let mut b = String::with_capacity(source.len());
        for (i, line) in source.split('\n').enumerate() {
            if i > 0 {
                a.push('\n');
                b.push('\n');
            }
            let second_half = (self.at..self.end).contains(&i);
            if !second_half {
                a.push_str(line);
            }
            if second_half || i == self.key {
                b.push_str(line);
            }
        }
        (a, b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resources(n: usize, pad: usize) -> String {
        let mut s = String::from(
            "name: t\nhosts:\n  h: { default: \"http://127.0.0.1:1\" }\ntypes:\n  T:\n    fields:\n      id: { type: i64 }\n",
        );
        s.push_str(&"# padding\n".repeat(pad));
        s.push_str("resources:\n");
        for r in 0..n {
            s.push_str(&format!(
                "  r{r}:\n    doc: Resource {r}.\n    endpoints:\n      get:\n        method: GET\n        path: /r{r}\n        host: h\n        auth: none\n        response: {{ type: T }}\n"
            ));
        }
        s
    }

    #[test]
    fn finds_the_middle_entry_and_the_parts_keep_every_line() {
        let src = resources(4, 0);
        let split = Split::find(&src).expect("a plain layout splits");
        assert_eq!((split.first_entries, split.second_entries), (2, 2));
        let (a, b) = split.parts(&src);
        assert_eq!(a.lines().count(), src.lines().count());
        assert_eq!(b.lines().count(), src.lines().count());
        assert!(a.contains("  r1:") && !a.contains("  r2:"));
        assert!(b.contains("resources:") && b.contains("  r3:") && !b.contains("  r0:"));
        assert!(!b.contains("name: t"));
    }

    #[test]
    fn the_two_part_read_equals_the_whole_read() {
        let src = resources(40, 0);
        let split = Split::find(&src).unwrap();
        let merged = read_in_two_parts(&src, &split).expect("both parts parse");
        let whole = whole(&src).unwrap();
        let names = |s: &Spec| {
            s.resources
                .iter()
                .map(|(k, v)| {
                    (
                        k.value.clone(),
                        k.referenced.line(),
                        k.referenced.column(),
                        v.endpoints.len(),
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&merged), names(&whole));
        let path = |s: &Spec| {
            let r = s.resources.values().last().unwrap();
            let e = r.endpoints.values().next().unwrap();
            (
                e.path.value.clone(),
                e.path.referenced.line(),
                e.path.referenced.column(),
            )
        };
        assert_eq!(path(&merged), path(&whole));
    }

    #[test]
    fn unusual_layouts_are_read_in_one_piece() {
        // Flow style, a document marker, entries at two indentations, one entry.
        for src in [
            "name: t\nresources: { a: { endpoints: {} }, b: { endpoints: {} } }\n".to_owned(),
            format!("---\n{}", resources(4, 0)),
            resources(4, 0).replace("  r2:\n", " r2:\n"),
            resources(1, 0),
            resources(4, 0)
                .replace("  r3:\n", "  r3: # ok\n")
                .replace("    doc: Resource 1.", "  doc: x"),
        ] {
            assert_eq!(Split::find(&src), None, "{src}");
        }
    }

    #[test]
    fn a_name_in_both_parts_falls_back_to_the_whole_read() {
        let src = resources(4, 0).replace("  r3:", "  r0:");
        let split = Split::find(&src).unwrap();
        assert!(read_in_two_parts(&src, &split).is_none());
        let e = read(&src).expect_err("the duplicate is reported by the whole read");
        assert!(e.to_string().contains("duplicate"), "{e}");
    }

    #[test]
    fn a_validation_error_in_the_second_part_points_at_its_line() {
        let src = resources(2000, 0).replacen(
            "path: /r1990\n        host: h",
            "path: /r1990\n        host: nowhere",
            1,
        );
        assert!(Split::find(&src).is_some_and(|s| s.second_entries > 100));
        let line = src
            .lines()
            .position(|l| l.contains("host: nowhere"))
            .unwrap() as u32
            + 1;
        let d = crate::parse(&src, "big.yaml").expect_err("an unknown host is an error");
        assert_eq!(d.items.len(), 1, "{d}");
        assert_eq!(
            (d.items[0].pos.line, d.items[0].pos.column),
            (line, 15),
            "{d}"
        );
        assert!(d.items[0].message.contains("nowhere"), "{d}");
    }

    #[test]
    fn crlf_line_ends_split_and_read_as_the_whole_read_does() {
        let src = resources(2000, 3).replace('\n', "\r\n");
        let split = Split::find(&src).expect("CRLF lines split too");
        let merged = read_in_two_parts(&src, &split).expect("both parts parse");
        let whole = whole(&src).unwrap();
        let last = |s: &Spec| {
            let (k, r) = s.resources.iter().last().unwrap();
            let e = r.endpoints.values().next().unwrap();
            (
                k.value.clone(),
                e.path.value.clone(),
                e.path.referenced.line(),
            )
        };
        assert_eq!(merged.resources.len(), 2000);
        assert_eq!(last(&merged), last(&whole));
    }

    #[test]
    fn a_deeper_entry_than_its_siblings_reads_as_the_whole_read_does() {
        let src = resources(2000, 0).replacen("  r1500:\n", "   r1500:\n", 1);
        match (read(&src), whole(&src)) {
            (Ok(a), Ok(b)) => assert_eq!(
                a.resources.keys().map(|k| &k.value).collect::<Vec<_>>(),
                b.resources.keys().map(|k| &k.value).collect::<Vec<_>>()
            ),
            (Err(a), Err(b)) => assert_eq!(a.location(), b.location()),
            (a, b) => panic!(
                "two-part read ok: {}, whole read ok: {}",
                a.is_ok(),
                b.is_ok()
            ),
        }
    }

    #[test]
    fn a_broken_part_falls_back_to_the_whole_read_and_its_position() {
        let mut src = resources(2000, 0);
        assert!(src.len() >= PARALLEL_FROM_BYTES);
        src = src.replacen("path: /r1999", "path: [/r1999", 1);
        let e = read(&src).expect_err("an unclosed list is an error");
        let whole = whole(&src).err().unwrap();
        assert_eq!(e.location(), whole.location());
    }
}
