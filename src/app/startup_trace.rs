//! `ORGCHART_TRACE_STARTUP=1`: prints on stderr how long after the process started each stage of opening the
//! editor ended (window and GL context made, each early frame, the worker's load and drawing, the chart's
//! arrival), to find where a slow launch spends its time. Off, it costs one flag check per stage.

use std::sync::OnceLock;
use std::time::Instant;

pub const VARIABLE: &str = "ORGCHART_TRACE_STARTUP";

static START: OnceLock<Instant> = OnceLock::new();
static ENABLED: OnceLock<bool> = OnceLock::new();

/// Starts the clock; the first call wins (main calls it first thing).
pub fn begin() {
    START.get_or_init(Instant::now);
}

pub fn enabled() -> bool {
    *ENABLED.get_or_init(|| std::env::var_os(VARIABLE).is_some_and(|v| v != "0" && !v.is_empty()))
}

/// Milliseconds since [`begin`].
pub fn elapsed_ms() -> f64 {
    START.get_or_init(Instant::now).elapsed().as_secs_f64() * 1000.0
}

/// "startup   512.3 ms  STAGE" on stderr, when tracing.
pub fn mark(stage: impl FnOnce() -> String) {
    if enabled() {
        eprintln!("startup {:>8.1} ms  {}", elapsed_ms(), stage());
    }
}
