//! Reading and writing charts: the RON document format and safe file writing.

pub mod document;
pub mod safe_write;

pub use document::{
    DocumentError, FORMAT_NAME, FORMAT_VERSION, from_ron_str, load, save, to_ron_string,
};
pub use safe_write::write_atomically;
pub mod csv_table;
pub mod import;
pub mod organogram;
pub mod xlsx;
