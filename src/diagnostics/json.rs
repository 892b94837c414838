//! Diagnostics for tools (`check --json`): one JSON object per occurrence,
//! with the stable code and kind of each warning.

use serde::Serialize;

use super::{Diagnostic, Report, Severity, Warnings};

/// One diagnostic as tools read it.
#[derive(Debug, Serialize, PartialEq)]
pub struct Record<'a> {
    /// "warning" or "error".
    pub severity: &'static str,
    /// "W001" …; `null` for errors.
    pub code: Option<&'static str>,
    /// "ambiguous-mention" …; "error" for errors.
    pub kind: &'static str,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub col: Option<usize>,
    pub message: &'a str,
    pub help: Option<&'a str>,
}

impl<'a> Record<'a> {
    pub fn of(d: &'a Diagnostic) -> Self {
        Record {
            severity: match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            code: d.code.map(|c| c.as_str()),
            kind: match (d.severity, d.code) {
                (Severity::Error, _) => "error",
                (Severity::Warning, Some(c)) => c.kind(),
                (Severity::Warning, None) => "other",
            },
            file: d
                .location
                .as_ref()
                .map(|l| l.path.display().to_string().replace('\\', "/")),
            line: d.location.as_ref().map(|l| l.line),
            col: d.location.as_ref().map(|l| l.column),
            message: &d.message,
            help: d.help.as_deref(),
        }
    }
}

/// A JSON array of every diagnostic of `report`, warnings first (none with
/// [`Warnings::None`]; every occurrence otherwise), then the errors.
pub fn to_json(report: &Report, warnings: Warnings) -> String {
    let shown = report.warnings().filter(|_| warnings != Warnings::None);
    let records: Vec<Record> = shown.chain(report.errors()).map(Record::of).collect();
    serde_json::to_string_pretty(&records).expect("diagnostics serialize")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Code, Location};

    #[test]
    fn a_warning_has_its_code_kind_and_place() {
        let mut r = Report::new();
        r.push(Diagnostic::error("broken").at(Location::new("a.md", 1, 1)));
        r.push(
            Diagnostic::warning("no date")
                .code(Code::Undated)
                .at(Location::new("b.md", 2, 3))
                .help("add one"),
        );
        let json: serde_json::Value = serde_json::from_str(&to_json(&r, Warnings::All)).unwrap();
        assert_eq!(
            json[0],
            serde_json::json!({"severity": "warning", "code": "W003", "kind": "undated",
                "file": "b.md", "line": 2, "col": 3, "message": "no date", "help": "add one"})
        );
        assert_eq!(json[1]["kind"], "error");
        assert_eq!(json[1]["code"], serde_json::Value::Null);
    }

    #[test]
    fn none_leaves_out_warnings_but_never_errors() {
        let mut r = Report::new();
        r.push(Diagnostic::warning("w").code(Code::Undated));
        r.push(Diagnostic::error("e"));
        let json: serde_json::Value = serde_json::from_str(&to_json(&r, Warnings::None)).unwrap();
        assert_eq!(json.as_array().unwrap().len(), 1);
        assert_eq!(json[0]["message"], "e");
    }
}
