//! Evaluation of a parsed template against the EntityJSON.

use std::borrow::Cow;
use std::collections::HashMap;

use serde_json::Value;

use super::budget::{Budget, Exhausted, STEP};
use super::builtins::{self, LoopInfo};
use super::expr::{Expr, Op};
use super::parser::Node;
use super::value::{Val, human_number, push_human_number};
use super::{MAX_ITERATIONS, MAX_NESTING};
use crate::error::{Limit, MessageMlError};
use crate::escape::push_escaped_data;
use crate::limits::MAX_INPUT_BYTES;

/// Why evaluation stopped.
#[derive(Debug)]
pub(crate) enum Failure {
    /// A FreeMarker runtime error at this byte offset.
    Runtime(usize),
    /// A bound was hit.
    Limit(MessageMlError),
}

type Res<T> = Result<T, Failure>;

impl From<Exhausted> for Failure {
    fn from(e: Exhausted) -> Self {
        Failure::Limit(e.into_error())
    }
}

struct LoopVar<'a> {
    name: String,
    value: Val<'a>,
    info: LoopInfo,
}

struct Env<'a> {
    data: &'a Value,
    /// `<#assign>`ed variables: a map, so lookups stay cheap however many there are.
    assigned: HashMap<String, Val<'a>>,
    loops: Vec<LoopVar<'a>>,
    out: String,
    iterations: usize,
    budget: Budget,
}

/// Renders `nodes` with `data` bound as `data` and `entity`.
pub(crate) fn render(nodes: &[Node], data: &Value) -> Result<String, Failure> {
    let mut env = Env {
        data,
        assigned: HashMap::new(),
        loops: Vec::new(),
        out: String::new(),
        iterations: 0,
        budget: Budget::default(),
    };
    env.exec(nodes)?;
    Ok(env.out)
}

fn too_big() -> Failure {
    Failure::Limit(MessageMlError::limit(
        Limit::InputSize,
        format!("The expanded template is too large: the maximum is {MAX_INPUT_BYTES} bytes"),
    ))
}

/// More than [`MAX_ITERATIONS`] loop iterations, or a range longer than that.
fn too_many_iterations() -> Failure {
    Failure::Limit(MessageMlError::limit(
        Limit::InputSize,
        format!("The template runs more than {MAX_ITERATIONS} loop iterations"),
    ))
}

impl<'a> Env<'a> {
    fn exec(&mut self, nodes: &[Node]) -> Res<()> {
        for node in nodes {
            self.budget.charge(STEP)?;
            match node {
                Node::Text(t) => {
                    self.budget.charge(t.len())?;
                    self.out.push_str(t);
                }
                Node::Interp(e, pos) => {
                    let v = self.eval(e, *pos)?.ok_or(Failure::Runtime(*pos))?;
                    let before = self.out.len();
                    self.interpolate(&v, *pos)?;
                    self.budget.charge(self.out.len() - before)?;
                }
                Node::If(branches, otherwise, pos) => {
                    let mut taken = false;
                    for (cond, body) in branches {
                        if self.truth(cond, *pos)? {
                            self.exec(body)?;
                            taken = true;
                            break;
                        }
                    }
                    if !taken {
                        self.exec(otherwise)?;
                    }
                }
                Node::List { seq, var, body, empty, pos } => self.list(seq, var, body, empty, *pos)?,
                Node::Sep(body) => {
                    if self.loops.last().is_some_and(|l| l.info.index + 1 < l.info.len) {
                        self.exec(body)?;
                    }
                }
                Node::Assign(pairs, pos) => {
                    for (name, e) in pairs {
                        let v = self.eval(e, *pos)?.ok_or(Failure::Runtime(*pos))?;
                        self.assigned.insert(name.clone(), v);
                    }
                }
            }
            if self.out.len() > MAX_INPUT_BYTES {
                return Err(too_big());
            }
        }
        Ok(())
    }

    fn list(&mut self, seq: &Expr, var: &str, body: &[Node], empty: &[Node], pos: usize) -> Res<()> {
        let items = self.eval(seq, pos)?.ok_or(Failure::Runtime(pos))?;
        let Val::Json(items) = items else {
            return Err(Failure::Runtime(pos));
        };
        let len = match items.as_ref() {
            Value::Array(a) => a.len(),
            _ => return Err(Failure::Runtime(pos)),
        };
        if len == 0 {
            return self.exec(empty);
        }
        if self.loops.len() >= MAX_NESTING {
            return Err(Failure::Runtime(pos));
        }
        for index in 0..len {
            self.iterations += 1;
            if self.iterations > MAX_ITERATIONS {
                return Err(too_many_iterations());
            }
            let value = match &items {
                Cow::Borrowed(Value::Array(a)) => Val::Json(Cow::Borrowed(&a[index])),
                Cow::Owned(Value::Array(a)) => {
                    self.budget.charge_value(&a[index])?;
                    Val::owned(a[index].clone())
                }
                _ => return Err(Failure::Runtime(pos)),
            };
            self.loops.push(LoopVar { name: var.to_owned(), value, info: LoopInfo { index, len } });
            let result = self.exec(body);
            self.loops.pop();
            result?;
        }
        Ok(())
    }

    fn interpolate(&mut self, v: &Val<'a>, pos: usize) -> Res<()> {
        match v {
            Val::Markup(s) => self.out.push_str(s),
            Val::Json(j) => match j.as_ref() {
                Value::String(s) => push_escaped_data(&mut self.out, s),
                Value::Number(n) => {
                    push_human_number(&mut self.out, n.as_f64().ok_or(Failure::Runtime(pos))?)
                }
                _ => return Err(Failure::Runtime(pos)),
            },
        }
        Ok(())
    }

    fn truth(&self, e: &Expr, pos: usize) -> Res<bool> {
        self.eval(e, pos)?.and_then(|v| v.as_bool()).ok_or(Failure::Runtime(pos))
    }

    /// A variable's value. Copying a computed value costs its size.
    fn lookup(&self, name: &str) -> Res<Option<Val<'a>>> {
        let found = match self.loops.iter().rev().find(|l| l.name == name) {
            Some(l) => Some(&l.value),
            None => self.assigned.get(name),
        };
        if let Some(v) = found {
            self.budget.charge_clone(v)?;
            return Ok(Some(v.clone()));
        }
        Ok(matches!(name, "data" | "entity").then(|| Val::Json(Cow::Borrowed(self.data))))
    }

    fn eval(&self, e: &Expr, pos: usize) -> Res<Option<Val<'a>>> {
        let rt = Failure::Runtime(pos);
        self.budget.charge(STEP)?;
        Ok(match e {
            Expr::Str(s) => Some(Val::str(s.clone())),
            Expr::Num(n) => {
                Some(Val::owned(serde_json::Number::from_f64(*n).map_or(Value::Null, Value::Number)))
            }
            Expr::Bool(b) => Some(Val::owned(Value::Bool(*b))),
            Expr::Var(name) => self.lookup(name)?,
            Expr::Dot(target, key) => match self.eval(target, pos)? {
                Some(t) => child(t, key).map_err(|()| rt)?,
                None => None,
            },
            Expr::Index(target, index) => {
                let idx = self.eval(index, pos)?.ok_or(Failure::Runtime(pos))?;
                match self.eval(target, pos)? {
                    Some(t) => index_into(t, &idx).map_err(|()| rt)?,
                    None => None,
                }
            }
            Expr::Builtin(target, name, args) => {
                if builtins::is_loop_builtin(name) {
                    let Expr::Var(var) = target.as_ref() else {
                        return Err(rt);
                    };
                    let l = self.loops.iter().rev().find(|l| &l.name == var).ok_or(rt)?;
                    return Ok(Some(builtins::loop_builtin(name, l.info)));
                }
                let t = self.eval(target, pos)?;
                let mut vals = Vec::with_capacity(args.len());
                for a in args {
                    vals.push(self.eval(a, pos)?.ok_or(Failure::Runtime(pos))?);
                }
                self.budget.charge(builtins::cost(name, t.as_ref()))?;
                let v = builtins::apply(name, t, &vals).map_err(|()| rt)?;
                if let Some(v) = &v {
                    self.budget.charge_clone(v)?;
                }
                v
            }
            Expr::Default(target, default) => match self.eval(target, pos)? {
                Some(v) => Some(v),
                None => match default {
                    Some(d) => self.eval(d, pos)?,
                    None => Some(Val::str("")),
                },
            },
            Expr::Exists(target) => Some(Val::owned(Value::Bool(self.eval(target, pos)?.is_some()))),
            Expr::Not(inner) => Some(Val::owned(Value::Bool(!self.truth(inner, pos)?))),
            Expr::Neg(inner) => {
                let n = self.eval(inner, pos)?.and_then(|v| v.as_f64()).ok_or(rt)?;
                Some(number(-n))
            }
            Expr::Bin(op, l, r) => Some(self.binary(*op, l, r, pos)?),
            Expr::List(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    let v = self.eval(item, pos)?.ok_or(Failure::Runtime(pos))?;
                    self.budget.charge_val(&v)?;
                    out.push(v.json().into_owned());
                }
                Some(Val::owned(Value::Array(out)))
            }
            Expr::Range(from, to, exclusive) => {
                let from = self.eval(from, pos)?.and_then(|v| v.as_f64()).ok_or(Failure::Runtime(pos))?;
                let to = self.eval(to, pos)?.and_then(|v| v.as_f64()).ok_or(Failure::Runtime(pos))?;
                // Saturating: a bound beyond i64 must give an empty range or an error, not a panic.
                let (from, to) = (from as i64, (to as i64).saturating_sub(i64::from(*exclusive)));
                let len = to.saturating_sub(from).saturating_add(1).max(0);
                if len > MAX_ITERATIONS as i64 {
                    return Err(too_many_iterations());
                }
                self.budget.charge(len as usize * STEP)?;
                Some(Val::owned(Value::Array((from..=to).map(Value::from).collect())))
            }
        })
    }

    fn binary(&self, op: Op, l: &Expr, r: &Expr, pos: usize) -> Res<Val<'a>> {
        let rt = || Failure::Runtime(pos);
        if matches!(op, Op::And | Op::Or) {
            let lhs = self.truth(l, pos)?;
            let value = match op {
                Op::And => lhs && self.truth(r, pos)?,
                _ => lhs || self.truth(r, pos)?,
            };
            return Ok(Val::owned(Value::Bool(value)));
        }
        let a = self.eval(l, pos)?.ok_or_else(rt)?;
        let b = self.eval(r, pos)?.ok_or_else(rt)?;
        if matches!(op, Op::Eq | Op::Ne) {
            // Comparing reads both strings.
            self.budget.charge(a.as_str().map_or(0, str::len) + b.as_str().map_or(0, str::len))?;
            let equal = match (a.json().as_ref(), b.json().as_ref()) {
                (Value::String(x), Value::String(y)) => x == y,
                (Value::Bool(x), Value::Bool(y)) => x == y,
                (Value::Number(_), Value::Number(_)) => a.as_f64() == b.as_f64(),
                _ => return Err(rt()),
            };
            return Ok(Val::owned(Value::Bool(equal == (op == Op::Eq))));
        }
        if op == Op::Add && (a.as_str().is_some() || b.as_str().is_some()) {
            // Escaped text (`?html`) plus plain text is escaped text: the plain side is escaped
            // once, so neither side is escaped twice or not at all.
            let markup = matches!(a, Val::Markup(_)) || matches!(b, Val::Markup(_));
            let text = |v: &Val<'_>| match v {
                Val::Json(_) if markup => display(v).map(|t| super::builtins::to_markup(&t)),
                _ => display(v),
            };
            let (x, y) = (text(&a).ok_or_else(rt)?, text(&b).ok_or_else(rt)?);
            if x.len() + y.len() > MAX_INPUT_BYTES {
                return Err(too_big());
            }
            self.budget.charge(x.len() + y.len())?;
            return Ok(if markup { Val::Markup(x + &y) } else { Val::str(x + &y) });
        }
        if op == Op::Add
            && let (Value::Array(x), Value::Array(y)) = (a.json().as_ref(), b.json().as_ref())
        {
            if x.len() + y.len() > MAX_ITERATIONS {
                return Err(rt());
            }
            self.budget.charge_val(&a)?;
            self.budget.charge_val(&b)?;
            return Ok(Val::owned(Value::Array(x.iter().chain(y).cloned().collect())));
        }
        let (x, y) = (a.as_f64().ok_or_else(rt)?, b.as_f64().ok_or_else(rt)?);
        Ok(match op {
            Op::Lt => Val::owned(Value::Bool(x < y)),
            Op::Gt => Val::owned(Value::Bool(x > y)),
            Op::Le => Val::owned(Value::Bool(x <= y)),
            Op::Ge => Val::owned(Value::Bool(x >= y)),
            Op::Add => number(x + y),
            Op::Sub => number(x - y),
            Op::Mul => number(x * y),
            Op::Div if y != 0.0 => number(x / y),
            Op::Rem if y != 0.0 => number(x % y),
            _ => return Err(rt()),
        })
    }
}

fn number<'a>(n: f64) -> Val<'a> {
    Val::owned(serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number))
}

/// Text of a scalar for string concatenation.
fn display(v: &Val<'_>) -> Option<String> {
    match v {
        Val::Markup(s) => Some(s.clone()),
        Val::Json(j) => match j.as_ref() {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => n.as_f64().map(human_number),
            _ => None,
        },
    }
}

/// `target.key`: JSON null counts as missing, as FreeMarker treats Java nulls.
fn child<'a>(target: Val<'a>, key: &str) -> Result<Option<Val<'a>>, ()> {
    let Val::Json(j) = target else { return Err(()) };
    let found = match j {
        Cow::Borrowed(Value::Object(m)) => m.get(key).map(|v| Val::Json(Cow::Borrowed(v))),
        Cow::Owned(Value::Object(m)) => m.get(key).cloned().map(Val::owned),
        _ => return Err(()),
    };
    Ok(found.filter(|v| !matches!(v, Val::Json(j) if j.is_null())))
}

fn index_into<'a>(target: Val<'a>, index: &Val<'_>) -> Result<Option<Val<'a>>, ()> {
    if let Some(key) = index.as_str() {
        return child(target, key);
    }
    let i = index.as_f64().ok_or(())?;
    if i < 0.0 || i.fract() != 0.0 {
        return Err(());
    }
    let i = i as usize;
    let Val::Json(j) = target else { return Err(()) };
    let found = match j {
        Cow::Borrowed(Value::Array(a)) => a.get(i).map(|v| Val::Json(Cow::Borrowed(v))),
        Cow::Owned(Value::Array(a)) => a.get(i).cloned().map(Val::owned),
        _ => return Err(()),
    };
    Ok(found.filter(|v| !matches!(v, Val::Json(j) if j.is_null())))
}
