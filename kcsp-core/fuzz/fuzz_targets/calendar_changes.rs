#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| kcsp_fuzz::calendar_changes(data));
