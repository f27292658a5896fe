//! File formats for import and export.

pub mod demo;
pub mod json;
