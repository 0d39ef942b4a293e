//! Generates the Tauri context (config, capabilities, embedded `ui/`)
//! that `tauri::generate_context!` reads in `main.rs`.
//!
//! tauri-build looks for capabilities beside Cargo.toml by default; this
//! app's Cargo.toml is the workspace root and its capability file lives in
//! `src-tauri/capabilities/`, so the pattern says so. Without it the
//! window would run with no permissions at all (not even `event.listen`).

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    // The window's files are embedded in the binary; a change to any of
    // them must rebuild it, or the tests would drive a stale UI.
    println!("cargo:rerun-if-changed=ui");
    println!("cargo:rerun-if-changed=tauri.conf.json");
    let attributes =
        tauri_build::Attributes::new().capabilities_path_pattern("./src-tauri/capabilities/*.json");
    if let Err(e) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {e:#}");
    }
}
