//! Errors that stop a catalogue or a run (exit code 2). A broken *record* is never an error: it
//! becomes an `invalid` row of the report.

use std::fmt;
use std::io;
use std::path::PathBuf;

/// One problem in a configuration file, at its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProblem {
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl ConfigProblem {
    pub fn at(path: &str, p: &ConfigProblem) -> String {
        match (p.line, p.column) {
            (Some(l), Some(c)) => format!("{path}:{l}:{c}: {}", p.message),
            (Some(l), None) => format!("{path}:{l}: {}", p.message),
            _ => format!("{path}: {}", p.message),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read or written: what was being done, and the system's
    /// reason (kept as the source, and shown: "No space left on device"). Built by [`Error::io`].
    #[error("{}: {action}: {source}", path.display())]
    Io {
        path: PathBuf,
        action: String,
        #[source]
        source: io::Error,
    },
    #[error("{}", render_problems("invalid policy", path, problems))]
    Policy { path: String, problems: Vec<ConfigProblem> },
    #[error("{}", render_problems("invalid mapping", path, problems))]
    Mapping { path: String, problems: Vec<ConfigProblem> },
    /// An input (a catalogue, a baseline) whose content cannot be used.
    #[error("{path}: {message}")]
    Catalogue { path: String, message: String },
    #[error("{0}")]
    Usage(String),
    /// A worker thread that could not start or stopped unexpectedly.
    #[error("{0}")]
    Internal(String),
}

impl Error {
    /// The one way to build an [`Error::Io`]: `path` is what the user knows the file by.
    pub fn io(path: impl Into<PathBuf>, action: impl Into<String>, source: io::Error) -> Error {
        Error::Io { path: path.into(), action: action.into(), source }
    }
}

fn render_problems(what: &str, path: &str, problems: &[ConfigProblem]) -> String {
    let mut s = format!("{what} {path}: {} problem{}", problems.len(), if problems.len() == 1 { "" } else { "s" });
    for p in problems {
        s.push_str("\n  ");
        s.push_str(&ConfigProblem::at(path, p));
    }
    s
}

impl fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// 1-based line and column of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = &source.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    (line, column)
}

/// Converts a TOML error to a problem at its position, with the message's first line only
/// (toml's Display repeats the position and draws a caret excerpt).
pub fn toml_problem(source: &str, e: &toml::de::Error) -> ConfigProblem {
    let (line, column) = match e.span() {
        Some(span) => {
            let (l, c) = line_col(source, span.start);
            (Some(l), Some(c))
        }
        None => (None, None),
    };
    ConfigProblem { line, column, message: e.message().trim().to_string() }
}

/// Best-effort position of a key in a TOML source (first line where it is assigned).
pub fn line_col_of_key(source: &str, key: &str) -> (Option<usize>, Option<usize>) {
    for (i, l) in source.lines().enumerate() {
        let t = l.trim_start();
        let bare = t.strip_prefix('"').unwrap_or(t);
        if let Some(rest) = bare.strip_prefix(key) {
            let rest = rest.trim_start_matches('"').trim_start();
            if rest.starts_with('=') {
                return (Some(i + 1), Some(l.len() - t.len() + 1));
            }
        }
    }
    (None, None)
}
