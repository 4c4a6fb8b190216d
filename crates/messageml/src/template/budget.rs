//! One work budget for a whole template expansion.
//!
//! The iteration cap alone bounds how often a loop body runs, not what each run costs: a
//! 100-byte template can build a 100,000-element range or rewrite a megabyte string in every
//! one of 100,000 iterations. So every evaluation step, every element and byte produced or
//! copied by ranges, sequence and string built-ins, concatenation and interpolation is
//! charged to one counter, and the expansion fails once it runs out.

use std::borrow::Cow;
use std::cell::Cell;

use serde_json::Value;

use super::value::Val;
use crate::error::{Limit, MessageMlError};

/// Total units one expansion may spend. A unit is roughly a byte copied or a nanosecond of
/// work in a release build, so the budget stops a runaway template in well under 100 ms,
/// while a 100,000-iteration loop with a small body uses a fifth of it.
pub(crate) const MAX_WORK: usize = 32_000_000;
/// The cost of one evaluation step, one sequence element or one JSON node.
pub(crate) const STEP: usize = 16;

/// The spent part of the budget. A `Cell`, because evaluation borrows the environment shared.
#[derive(Default)]
pub(crate) struct Budget {
    used: Cell<usize>,
}

/// The budget ran out.
#[derive(Debug)]
pub(crate) struct Exhausted;

impl Exhausted {
    /// The error a caller sees.
    pub fn into_error(self) -> MessageMlError {
        MessageMlError::limit(
            Limit::InputSize,
            format!("The template does too much work: the maximum is {MAX_WORK} units"),
        )
    }
}

impl Budget {
    /// Spends `units`.
    pub fn charge(&self, units: usize) -> Result<(), Exhausted> {
        let used = self.used.get().saturating_add(units);
        self.used.set(used);
        if used > MAX_WORK { Err(Exhausted) } else { Ok(()) }
    }

    /// Spends what copying `v` costs. Borrowed data is free: nothing is copied.
    pub fn charge_clone(&self, v: &Val<'_>) -> Result<(), Exhausted> {
        match v {
            Val::Json(Cow::Borrowed(_)) => Ok(()),
            _ => self.charge_val(v),
        }
    }

    /// Spends what reading or copying all of `v` costs.
    pub fn charge_val(&self, v: &Val<'_>) -> Result<(), Exhausted> {
        match v {
            Val::Markup(s) => self.charge(s.len()),
            Val::Json(j) => self.charge_value(j),
        }
    }

    /// Spends what reading or copying all of `v` costs. The walk stops as soon as the budget
    /// is gone, so weighing is never dearer than the work it guards.
    pub fn charge_value(&self, v: &Value) -> Result<(), Exhausted> {
        let cap = MAX_WORK.saturating_sub(self.used.get()).saturating_add(1);
        self.charge(weight(v, cap))
    }
}

/// The cost of reading all of `v`, counted up to at least `cap`. Iterative, so deeply nested
/// data cannot exhaust the stack.
fn weight(v: &Value, cap: usize) -> usize {
    match v {
        Value::String(s) => return STEP + s.len(),
        Value::Array(_) | Value::Object(_) => {}
        _ => return STEP,
    }
    let mut total = 0usize;
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        total += STEP;
        match v {
            Value::String(s) => total += s.len(),
            Value::Array(a) => stack.extend(a),
            Value::Object(m) => {
                for (k, v) in m {
                    total += k.len();
                    stack.push(v);
                }
            }
            _ => {}
        }
        if total > cap {
            break;
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_fails_once_spent() {
        let b = Budget::default();
        assert!(b.charge(MAX_WORK).is_ok());
        assert!(b.charge(1).is_err());
    }

    #[test]
    fn weighing_stops_at_the_cap() {
        let big = Value::Array(vec![Value::from(1); 10_000]);
        assert!(weight(&big, 100) < 200);
        assert_eq!(weight(&big, usize::MAX), STEP * 10_001);
    }
}
