//! Reading and writing charts: the RON document format and safe file writing.

pub mod checks;
pub mod document;
#[doc(hidden)]
pub mod fuzz_targets;
pub mod input;
pub mod safe_write;

pub use document::{
    DocumentError, FORMAT_NAME, FORMAT_VERSION, Loaded, from_ron_str, from_ron_str_reporting, load,
    load_reporting, save, to_ron_string,
};
pub use input::read_input;
pub use safe_write::{check_output, write_atomically, write_keeping_backup};
pub mod csv_table;
pub mod import;
pub mod organogram;
pub mod xlsx;
