//! File formats for import and export.

pub mod json;
