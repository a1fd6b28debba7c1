//! Where in a RON document each unit and link was written, for error messages about the chart as a whole
//! (a duplicate id, a missing manager, a cycle, a bad link) that are found after parsing.
//!
//! Only run when there is an error to report, so loading a good file costs nothing extra. A light scan: it
//! skips strings, characters and comments and records each `id:` key (one per unit record: no other record
//! of the format has an `id` field) and each `from:` key (one per link).

/// A 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Default)]
pub struct Locations {
    pub units: Vec<Position>,
    pub links: Vec<Position>,
}

impl Locations {
    pub fn unit(&self, index: usize) -> Position {
        self.units.get(index).copied().unwrap_or(START)
    }

    pub fn link(&self, index: usize) -> Position {
        self.links.get(index).copied().unwrap_or(START)
    }
}

const START: Position = Position { line: 1, column: 1 };

pub fn locate(text: &str) -> Locations {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Locations::default();
    let (mut line, mut column) = (1usize, 1usize);
    let mut i = 0;
    // Advances over `n` characters, keeping line and column.
    let step = |i: &mut usize, n: usize, line: &mut usize, column: &mut usize| {
        for _ in 0..n {
            match chars.get(*i) {
                Some('\n') => {
                    *line += 1;
                    *column = 1;
                }
                Some(_) => *column += 1,
                None => return,
            }
            *i += 1;
        }
    };
    while let Some(&c) = chars.get(i) {
        let next = chars.get(i + 1).copied();
        match c {
            '/' if next == Some('/') => {
                while chars.get(i).is_some_and(|&c| c != '\n') {
                    step(&mut i, 1, &mut line, &mut column);
                }
            }
            '/' if next == Some('*') => {
                let mut depth = 0usize;
                while let Some(&c) = chars.get(i) {
                    let next = chars.get(i + 1).copied();
                    if c == '/' && next == Some('*') {
                        depth += 1;
                        step(&mut i, 2, &mut line, &mut column);
                    } else if c == '*' && next == Some('/') {
                        step(&mut i, 2, &mut line, &mut column);
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            break;
                        }
                    } else {
                        step(&mut i, 1, &mut line, &mut column);
                    }
                }
            }
            '"' => skip_string(&chars, &mut i, &mut |i, n| {
                step(i, n, &mut line, &mut column)
            }),
            'r' if matches!(next, Some('"' | '#')) && !ident_before(&chars, i) => {
                skip_raw_string(&chars, &mut i, &mut |i, n| {
                    step(i, n, &mut line, &mut column)
                });
            }
            '\'' => {
                // A character literal: 'a', '\'', '\u{41}'.
                step(&mut i, 1, &mut line, &mut column);
                while let Some(&c) = chars.get(i) {
                    step(
                        &mut i,
                        if c == '\\' { 2 } else { 1 },
                        &mut line,
                        &mut column,
                    );
                    if c == '\'' {
                        break;
                    }
                }
            }
            c if (c.is_alphabetic() || c == '_') && !ident_before(&chars, i) => {
                let start = Position { line, column };
                let mut end = i;
                while chars
                    .get(end)
                    .is_some_and(|c| c.is_alphanumeric() || *c == '_')
                {
                    end += 1;
                }
                let word: String = chars.get(i..end).unwrap_or_default().iter().collect();
                let mut after = end;
                while chars.get(after).is_some_and(|c| c.is_whitespace()) {
                    after += 1;
                }
                if chars.get(after) == Some(&':') {
                    match word.as_str() {
                        "id" => out.units.push(start),
                        "from" => out.links.push(start),
                        _ => {}
                    }
                }
                let length = end - i;
                step(&mut i, length, &mut line, &mut column);
            }
            _ => step(&mut i, 1, &mut line, &mut column),
        }
    }
    out
}

fn ident_before(chars: &[char], i: usize) -> bool {
    i.checked_sub(1)
        .and_then(|p| chars.get(p))
        .is_some_and(|c| c.is_alphanumeric() || *c == '_')
}

fn skip_string(chars: &[char], i: &mut usize, step: &mut dyn FnMut(&mut usize, usize)) {
    step(i, 1);
    while let Some(&c) = chars.get(*i) {
        match c {
            '\\' => step(i, 2),
            '"' => {
                step(i, 1);
                return;
            }
            _ => step(i, 1),
        }
    }
}

/// r"...", r#"..."#, r##"..."##: ends at a quote followed by as many hashes.
fn skip_raw_string(chars: &[char], i: &mut usize, step: &mut dyn FnMut(&mut usize, usize)) {
    step(i, 1);
    let mut hashes = 0;
    while chars.get(*i) == Some(&'#') {
        hashes += 1;
        step(i, 1);
    }
    if chars.get(*i) != Some(&'"') {
        return;
    }
    step(i, 1);
    while *i < chars.len() {
        let closes =
            chars.get(*i) == Some(&'"') && (1..=hashes).all(|k| chars.get(*i + k) == Some(&'#'));
        step(i, 1);
        if closes {
            step(i, hashes);
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_unit_and_link_but_not_words_inside_text() {
        let text = "(\n  format: \"orgchart\",\n  units: [\n    (id: \"a\", name: \"id: fake\", notes: r#\"id: \"x\"\"#),\n    // (id: \"commented\")\n    ( id : \"b\", name: 'x'),\n  ],\n  links: [(from: \"a\", to: \"b\", kind: Dotted)],\n)\n";
        let found = locate(text);
        assert_eq!(
            found.units,
            [
                Position { line: 4, column: 6 },
                Position { line: 6, column: 7 }
            ]
        );
        assert_eq!(
            found.links,
            [Position {
                line: 8,
                column: 12
            }]
        );
        assert_eq!(found.unit(9), START);
    }
}
