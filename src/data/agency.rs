//! The issuing-agency table: document-number prefix → issuing body, read from `data/agencies.tsv`.
//!
//! Kept as data, not code, so an editor can fix or extend it without touching Rust. The longest
//! listed prefix of a document number's prefix wins (`晋发改…` before `晋发`), which lets one line
//! cover a department's families of numbers (`晋财购`, `晋财规建`, … under `晋财`).

use super::seed::ParseError;

#[derive(Debug, Clone, Default)]
pub struct AgencyTable {
    entries: Vec<(String, String)>,
}

impl AgencyTable {
    pub fn parse(tsv: &str) -> Result<Self, ParseError> {
        let mut entries = Vec::new();
        for (i, line) in tsv.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((prefix, agency)) = line.split_once('\t') else {
                return Err(ParseError { line: i + 1, message: format!("expected PREFIX<TAB>AGENCY, got {line}") });
            };
            entries.push((prefix.trim().to_string(), agency.trim().to_string()));
        }
        entries.sort_by_key(|(p, _)| std::cmp::Reverse(p.chars().count()));
        Ok(Self { entries })
    }

    /// The agency for a document-number prefix such as `晋政办发`.
    pub fn agency_of(&self, prefix: &str) -> Option<&str> {
        self.entries.iter().find(|(p, _)| prefix.starts_with(p.as_str())).map(|(_, a)| a.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_prefix_wins() {
        let t = AgencyTable::parse("晋发\tA\n晋发改\tB\n").unwrap();
        assert_eq!(t.agency_of("晋发改改革发"), Some("B"));
        assert_eq!(t.agency_of("晋发"), Some("A"));
        assert_eq!(t.agency_of("京发"), None);
    }

    #[test]
    fn malformed_line_names_its_line() {
        let e = AgencyTable::parse("# c\n晋发 A\n").unwrap_err();
        assert_eq!(e.line, 2);
    }
}
