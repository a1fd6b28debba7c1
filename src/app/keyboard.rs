//! Keyboard shortcuts. They act only when no text field (or other widget) holds the keyboard, so typing a
//! name never adds units or undoes edits.

use egui::{Context, Key, Modifiers};

use super::canvas::canvas_id;
use super::commands::{Command, Direction};

/// True when keys belong to the chart: nothing has keyboard focus, or the canvas has.
pub fn keys_are_free(ctx: &Context) -> bool {
    let focused = ctx.memory(|m| m.focused());
    focused.is_none() || focused == Some(canvas_id())
}

pub fn shortcuts(ctx: &Context) -> Vec<Command> {
    if !keys_are_free(ctx) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let ctrl_shift = Modifiers::COMMAND | Modifiers::SHIFT;
    let tab_pressed = ctx.input_mut(|i| {
        // Most specific first: consume_key ignores extra Shift, so Ctrl+Shift+Z must be taken before Ctrl+Z.
        let chords = [
            (ctrl_shift, Key::Z, Command::Redo),
            (Modifiers::COMMAND, Key::Z, Command::Undo),
            (Modifiers::COMMAND, Key::Y, Command::Redo),
            (ctrl_shift, Key::S, Command::SaveAs),
            (Modifiers::COMMAND, Key::S, Command::Save),
            (Modifiers::COMMAND, Key::N, Command::New),
            (Modifiers::COMMAND, Key::O, Command::Open),
            (Modifiers::COMMAND, Key::F, Command::OpenFind),
            (Modifiers::COMMAND, Key::A, Command::SelectAll),
            (Modifiers::COMMAND, Key::Q, Command::Quit),
            (Modifiers::COMMAND, Key::Num0, Command::FitToWindow),
        ];
        for (modifiers, key, command) in chords {
            if i.consume_key(modifiers, key) {
                out.push(command);
            }
        }
        if i.modifiers.command || i.modifiers.alt {
            return false;
        }
        let keys = [
            (Key::Enter, Command::AddSibling),
            (Key::F2, Command::Rename),
            (Key::Delete, Command::Delete),
            (Key::Backspace, Command::Delete),
            (Key::Space, Command::ToggleCollapseSelection),
            (Key::Home, Command::FitToWindow),
            (Key::F, Command::ZoomToSelection),
            (Key::Plus, Command::ZoomBy(1.25)),
            (Key::Equals, Command::ZoomBy(1.25)),
            (Key::Minus, Command::ZoomBy(0.8)),
            (Key::ArrowUp, Command::SelectRelative(Direction::Up)),
            (Key::ArrowDown, Command::SelectRelative(Direction::Down)),
            (Key::ArrowLeft, Command::SelectRelative(Direction::Left)),
            (Key::ArrowRight, Command::SelectRelative(Direction::Right)),
            (Key::Escape, Command::ClearSelection),
        ];
        for (key, command) in keys {
            if i.consume_key(Modifiers::NONE, key) {
                out.push(command);
            }
        }
        let tab = i.consume_key(Modifiers::NONE, Key::Tab);
        if tab {
            out.push(Command::AddChild);
        }
        tab
    });
    if tab_pressed {
        // With nothing focused egui would also move focus to the first widget; the key was ours.
        ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
    }
    out
}
