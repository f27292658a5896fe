//! CSV as address books export it (with the `csv` crate): records of any
//! length, a header that may come after a preamble, and the line each
//! record starts on.

use anyhow::{bail, Result};
use std::collections::HashMap;

/// The records of a CSV text, with their line numbers.
pub struct Rows<'a> {
    reader: csv::Reader<&'a [u8]>,
    record: csv::StringRecord,
}

impl<'a> Rows<'a> {
    pub fn new(text: &'a str) -> Rows<'a> {
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        Rows {
            reader,
            record: csv::StringRecord::new(),
        }
    }

    /// The next record and the line it starts on; None at the end.
    pub fn next(&mut self) -> Result<Option<(usize, Vec<String>)>> {
        let more = self.reader.read_record(&mut self.record).map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            anyhow::anyhow!("line {line}: {e}")
        })?;
        if !more {
            return Ok(None);
        }
        let line = self
            .record
            .position()
            .map(|p| p.line() as usize)
            .unwrap_or(0);
        let fields = self.record.iter().map(str::to_string).collect();
        Ok(Some((line, fields)))
    }

    /// Skips records up to the first one `is_header` accepts, and returns it
    /// as the header (None when there is none: not the expected file).
    pub fn header(&mut self, is_header: impl Fn(&[String]) -> bool) -> Result<Option<Header>> {
        while let Some((_, fields)) = self.next()? {
            let fields: Vec<String> = fields
                .iter()
                .map(|f| f.trim_start_matches('\u{feff}').trim().to_string())
                .collect();
            if is_header(&fields) {
                return Ok(Some(Header::new(fields)));
            }
        }
        Ok(None)
    }
}

/// The columns of a header, found by name (case and spacing do not matter).
pub struct Header {
    pub names: Vec<String>,
    index: HashMap<String, usize>,
}

fn key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Header {
    fn new(names: Vec<String>) -> Header {
        let mut index = HashMap::new();
        for (i, n) in names.iter().enumerate() {
            index.entry(key(n)).or_insert(i);
        }
        Header { names, index }
    }

    /// Whether the header has this column.
    pub fn has(&self, column: &str) -> bool {
        self.index.contains_key(&key(column))
    }

    /// An error naming the column when the header lacks it.
    pub fn require(&self, column: &str) -> Result<()> {
        if !self.has(column) {
            let mut has = self
                .names
                .iter()
                .take(6)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ");
            if self.names.len() > 6 {
                has.push_str(", …");
            }
            bail!("the header has no {column:?} column (it has {has}): export the file again, unchanged");
        }
        Ok(())
    }

    /// The value of a column in a row (None: no such column, or a short row).
    pub fn get<'r>(&self, row: &'r [String], column: &str) -> Option<&'r str> {
        self.index
            .get(&key(column))
            .and_then(|&i| row.get(i))
            .map(String::as_str)
    }

    /// The indexes of the columns whose names `matches` accepts, in order.
    pub fn matching(&self, matches: impl Fn(&str) -> bool) -> Vec<usize> {
        (0..self.names.len())
            .filter(|&i| matches(&key(&self.names[i])))
            .collect()
    }
}
