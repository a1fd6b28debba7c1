#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| orgchart::io::fuzz_targets::ron_loader(data));
