#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| kcsp_fuzz::ids(data));
