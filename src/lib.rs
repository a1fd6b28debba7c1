//! Orgchart: draw, compare and export organisation charts.
//!
//! Data flows one way: document -> model -> layout -> drawing description -> (egui | SVG | PNG | PDF).
//! Everything here except `app` is free of windows and can run headless.

pub mod app;
pub mod cli;
pub mod diff;
pub mod export;
pub mod generate;
pub mod geom;
pub mod io;
pub mod layout;
pub mod metrics;
pub mod model;
pub mod page_export;
pub mod pages;
pub mod paper;
pub mod render;
