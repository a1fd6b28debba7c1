//! A CSV file as a header and numbered rows, read by a small parser of our own so that every row carries the
//! number a spreadsheet shows for it: the header is row 1, a blank line is a row, and a cell with line breaks
//! inside quotes stays one row. (The `csv` crate skips blank lines and miscounts lines around them.)

/// One record of the file and the spreadsheet row it starts on (1-based).
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub row: usize,
    pub cells: Vec<String>,
}

impl Record {
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|cell| cell.trim().is_empty())
    }

    /// The trimmed text of a column, or "" when the column is absent or the row is short.
    pub fn get(&self, column: Option<usize>) -> &str {
        column
            .and_then(|c| self.cells.get(c))
            .map_or("", |cell| cell.trim())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TableError {
    Empty,
    /// A quote opened on `row` is never closed.
    UnclosedQuote {
        row: usize,
    },
    /// No row among the first `searched` looks like the expected header.
    HeaderNotFound {
        searched: usize,
    },
}

/// The delimiter of a file: whichever of comma, semicolon (European spreadsheets) or tab (Excel "Unicode
/// text") occurs most in the first non-blank line that is not a `#` comment; comma when none does.
pub fn sniff_delimiter(text: &str) -> char {
    // draw.io's CSV input starts with "# key: value" settings lines; the table comes after them.
    let first_line = text
        .lines()
        .find(|line| !line.trim().is_empty() && !line.trim_start().starts_with('#'))
        .unwrap_or("");
    let mut best = (',', 0);
    for candidate in [',', ';', '\t'] {
        let count = first_line.matches(candidate).count();
        if count > best.1 {
            best = (candidate, count);
        }
    }
    best.0
}

/// Splits text into records. Lenient where a spreadsheet is lenient (stray quotes inside a cell are kept,
/// spaces before an opening quote are dropped, CR, LF and CRLF all end a row); strict only about a quote that
/// never closes, which would otherwise swallow the rest of the file silently.
pub fn parse_records(text: &str, delimiter: char) -> Result<Vec<Record>, TableError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut records = Vec::new();
    let mut cells: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut row = 1;
    let mut in_quotes = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => in_quotes = false,
                '\r' => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    cell.push('\n');
                }
                _ => cell.push(c),
            }
            continue;
        }
        match c {
            '"' if cell.trim().is_empty() => {
                cell.clear();
                in_quotes = true;
            }
            c if c == delimiter => cells.push(std::mem::take(&mut cell)),
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                cells.push(std::mem::take(&mut cell));
                records.push(Record {
                    row,
                    cells: std::mem::take(&mut cells),
                });
                row += 1;
            }
            _ => cell.push(c),
        }
    }
    if in_quotes {
        return Err(TableError::UnclosedQuote { row });
    }
    if !cell.is_empty() || !cells.is_empty() {
        cells.push(cell);
        records.push(Record { row, cells });
    }
    Ok(records)
}

/// A header name reduced to what matters for matching: the part before any bracket ("Actual Pay Floor (£)"
/// -> "actual pay floor", "Grade (or equivalent)" -> "grade"), lower case, with punctuation as single spaces
/// ("Reports_To" -> "reports to").
pub fn normalize_header(name: &str) -> String {
    let before_bracket = match name.find('(') {
        Some(at) if !name[..at].trim().is_empty() => &name[..at],
        _ => name,
    };
    before_bracket
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A header name as compared when matching: [`normalize_header`] without spaces, so "Employee ID",
/// "employee_id", "EmployeeID" and "employeeId" are one name.
pub fn header_key(name: &str) -> String {
    normalize_header(name).replace(' ', "")
}

/// A file's header and its non-blank data rows.
#[derive(Clone, Debug)]
pub struct Table {
    pub header: Vec<String>,
    normalized: Vec<String>,
    pub header_row: usize,
    pub rows: Vec<Record>,
}

impl Table {
    /// The header is the first non-blank record for which `is_header` holds, searched among the first
    /// `search_rows` records (some submissions put a title above the header).
    pub fn new(
        records: Vec<Record>,
        search_rows: usize,
        is_header: impl Fn(&[String]) -> bool,
    ) -> Result<Table, TableError> {
        Self::new_raw(records, search_rows, |cells| {
            is_header(&normalized_cells(cells))
        })
    }

    /// As [`Table::new`], with `is_header` given the cells as written.
    pub fn new_raw(
        records: Vec<Record>,
        search_rows: usize,
        is_header: impl Fn(&[String]) -> bool,
    ) -> Result<Table, TableError> {
        if records.iter().all(Record::is_blank) {
            return Err(TableError::Empty);
        }
        let at = records
            .iter()
            .take(search_rows)
            .position(|record| !record.is_blank() && is_header(&record.cells))
            .ok_or(TableError::HeaderNotFound {
                searched: search_rows.min(records.len()),
            })?;
        let mut records = records.into_iter().skip(at);
        let header_record = records.next().ok_or(TableError::Empty)?;
        let rows = records.filter(|record| !record.is_blank()).collect();
        Ok(Table {
            normalized: normalized_cells(&header_record.cells),
            header: header_record.cells,
            header_row: header_record.row,
            rows,
        })
    }

    /// The first column whose name is one of `names` (compared by [`header_key`]), trying names in order.
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        names.iter().find_map(|name| {
            let wanted = header_key(name);
            self.normalized.iter().position(|h| *h == wanted)
        })
    }

    /// Header names as written, for messages ("found columns: ...").
    pub fn header_list(&self) -> String {
        super::columns::header_list(&self.header)
    }

    /// Non-empty cells of a row that have no header above them.
    pub fn cells_without_header<'a>(&self, record: &'a Record) -> Vec<&'a str> {
        record
            .cells
            .iter()
            .enumerate()
            .filter(|(i, cell)| {
                !cell.trim().is_empty()
                    && self
                        .header
                        .get(*i)
                        .is_none_or(|header| header.trim().is_empty())
            })
            .map(|(_, cell)| cell.trim())
            .collect()
    }
}

/// Whether a header row (as given by [`normalized_cells`]) contains all of `names`.
pub fn has_columns(normalized: &[String], names: &[&str]) -> bool {
    names.iter().all(|name| {
        let wanted = header_key(name);
        normalized.contains(&wanted)
    })
}

/// Each cell's [`header_key`].
pub fn normalized_cells(cells: &[String]) -> Vec<String> {
    cells.iter().map(|cell| header_key(cell)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<(usize, Vec<String>)> {
        parse_records(text, ',')
            .unwrap()
            .into_iter()
            .map(|r| (r.row, r.cells))
            .collect()
    }

    fn cells(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn rows_are_numbered_as_a_spreadsheet_shows_them() {
        let text = "a,b\n\n1,\"x, y\"\r\n\"multi\nline\",3\n4,\"say \"\"hi\"\"\"";
        assert_eq!(
            rows(text),
            vec![
                (1, cells(&["a", "b"])),
                (2, cells(&[""])),
                (3, cells(&["1", "x, y"])),
                (4, cells(&["multi\nline", "3"])),
                (5, cells(&["4", "say \"hi\""])),
            ]
        );
    }

    #[test]
    fn old_mac_line_endings_count_rows() {
        assert_eq!(rows("a\r1\r2\r").len(), 3);
        assert_eq!(rows("a\r1\r2\r")[2].0, 3);
    }

    #[test]
    fn unclosed_quote_names_the_row_it_opened_on() {
        let err = parse_records("a,b\n1,2\n3,\"oops\n4,5\n", ',').unwrap_err();
        assert_eq!(err, TableError::UnclosedQuote { row: 3 });
    }

    #[test]
    fn stray_quotes_and_spaces_before_quotes() {
        assert_eq!(
            rows("5\" screen, \"a,b\"\n"),
            vec![(1, cells(&["5\" screen", "a,b"]))]
        );
    }

    #[test]
    fn headers_normalize_for_matching() {
        assert_eq!(normalize_header("Actual Pay Floor (£)"), "actual pay floor");
        assert_eq!(normalize_header(" Reports_To "), "reports to");
        assert_eq!(normalize_header("Grade (or equivalent)"), "grade");
        assert_eq!(normalize_header("Job/Team Function"), "job team function");
        assert_eq!(normalize_header("(£)"), "");
    }

    #[test]
    fn delimiter_is_sniffed_from_the_first_line() {
        assert_eq!(sniff_delimiter("\nid;name;role\n1;a,b;c"), ';');
        assert_eq!(sniff_delimiter("id\tname\n"), '\t');
        assert_eq!(sniff_delimiter("id,name\n"), ',');
        assert_eq!(sniff_delimiter("id\n"), ',');
        assert_eq!(sniff_delimiter("# style: a;b;c\nname\tid\n"), '\t');
    }

    #[test]
    fn header_is_found_below_a_title_and_blank_rows_are_dropped() {
        let records = parse_records("Organogram 2011\n\nid,name\n1,a\n,\n2,b\n", ',').unwrap();
        let table = Table::new(records, 10, |h| has_columns(h, &["id"])).unwrap();
        assert_eq!(table.header_row, 3);
        assert_eq!(
            table.rows.iter().map(|r| r.row).collect::<Vec<_>>(),
            vec![4, 6]
        );
        assert_eq!(table.column(&["name"]), Some(1));
    }
}
