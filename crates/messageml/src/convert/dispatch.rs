//! Recognising elements and handing them to their builders.
//!
//! MessageML elements are recognised by tag. PresentationML input is mapped back to the same
//! kinds by tag plus class (`div class="card"`) or type (`input type="date"`), so one builder
//! per kind serves both languages, and a MessageML message and its PresentationML obey the
//! same rules.

use super::{Converter, Ctx, Kind, Mode, basic, card, entity, links, lists, shorthand};
use crate::error::{MessageMlError, Result, only_child_of};
use crate::forms;
use crate::out::Out;
use crate::xml::Element;

fn unknown(tag: &str) -> MessageMlError {
    MessageMlError::invalid(format!("Invalid MessageML content at element \"{tag}\""))
}

fn shorthand_in_pml(tag: &str) -> MessageMlError {
    MessageMlError::invalid(format!("Shorthand tag \"{tag}\" is not allowed in PresentationML"))
}

/// Recognises `el` in the context of its parent.
pub(crate) fn kind_of(mode: Mode, el: &Element, ctx: Ctx<'_>) -> Result<Kind> {
    let pml = mode == Mode::PresentationMl;
    let name = &*el.name;
    Ok(match name {
        "b" => Kind::B,
        "i" => Kind::I,
        "sub" => Kind::Sub,
        "sup" => Kind::Sup,
        "p" => Kind::P,
        "h1" => Kind::Heading(1),
        "h2" => Kind::Heading(2),
        "h3" => Kind::Heading(3),
        "h4" => Kind::Heading(4),
        "h5" => Kind::Heading(5),
        "h6" => Kind::Heading(6),
        "br" => Kind::Br,
        "hr" => Kind::Hr,
        "pre" => Kind::Pre,
        "code" => Kind::Code,
        "a" => Kind::A,
        "img" => Kind::Img,
        "ul" => Kind::Ul,
        "ol" => Kind::Ol,
        "li" => Kind::Li,
        "table" => Kind::Table,
        "thead" | "tbody" | "tfoot" => Kind::TableSection,
        "tr" => Kind::Tr,
        "td" => Kind::Td,
        "th" => Kind::Th,
        // The reference looks for `entity` among the classes, not only the first one.
        "span" if el.has_class("entity") => Kind::Entity,
        "span" => Kind::Span,
        "div" => div_kind(pml, el),
        "mention" | "hash" | "cash" | "chime" | "card" | "expandable-card" | "header" | "body" if pml => {
            return Err(shorthand_in_pml(name));
        }
        "mention" => Kind::Mention,
        "hash" => Kind::Hash,
        "cash" => Kind::Cash,
        "chime" => Kind::Chime,
        "audio" if pml => Kind::Chime,
        "emoji" => Kind::Emoji,
        "dateTime" => Kind::DateTime,
        "time" if pml => Kind::DateTime,
        "tag" => Kind::FinTag,
        "card" => Kind::Card,
        "expandable-card" => Kind::ExpandableCard,
        "header" | "body" => card_part(name, ctx)?,
        "title" | "footer" => dialog_part(name, ctx)?,
        "form" => Kind::Form,
        "button" => Kind::Button,
        "text-field" => Kind::TextField,
        "textarea" if pml && el.attr("data-richtext").is_some() => Kind::RichTextArea,
        "textarea" => Kind::TextArea,
        "richtextarea" => Kind::RichTextArea,
        "select" => Kind::Select,
        "option" => Kind::Option,
        "checkbox" => Kind::Checkbox,
        "radio" => Kind::Radio,
        "person-selector" => Kind::PersonSelector,
        "room-selector" => Kind::RoomSelector,
        "date-selector" => Kind::DateSelector,
        "date-picker" => Kind::DatePicker,
        "time-picker" => Kind::TimePicker,
        "timezone-picker" => Kind::TimezonePicker,
        "dialog" => Kind::Dialog,
        "ui-action" => Kind::UiAction,
        "input" if pml => input_kind(el)?,
        _ => return Err(unknown(name)),
    })
}

fn div_kind(pml: bool, el: &Element) -> Kind {
    let class = el.first_class();
    if el.has_class("entity") {
        return Kind::Entity;
    }
    if !pml {
        return Kind::Div;
    }
    if el.attr("data-generated") == Some("true") && class.is_some_and(|c| c.ends_with("-group")) {
        return Kind::LabelWrapper;
    }
    match class {
        Some("card") => Kind::Card,
        Some("cardHeader") => Kind::CardHeader,
        Some("cardBody") => Kind::CardBody,
        Some("expandable-card") => Kind::ExpandableCard,
        Some("expandableCardHeader") => Kind::ExpandableCardHeader,
        Some("expandableCardBody") => Kind::ExpandableCardBody,
        Some("dialog-title") => Kind::DialogTitle,
        Some("dialog-body") => Kind::DialogBody,
        Some("dialog-footer") => Kind::DialogFooter,
        Some("checkbox-group") => Kind::Checkbox,
        Some("radio-group") => Kind::Radio,
        Some("person-selector") => Kind::PersonSelector,
        Some("room-selector") => Kind::RoomSelector,
        Some("date-selector") => Kind::DateSelector,
        Some("timezone-picker") => Kind::TimezonePicker,
        Some("ui-action") => Kind::UiAction,
        _ => Kind::Div,
    }
}

fn input_kind(el: &Element) -> Result<Kind> {
    match el.attr("type").unwrap_or("") {
        "text" => Ok(Kind::TextField),
        "checkbox" => Ok(Kind::Checkbox),
        "radio" => Ok(Kind::Radio),
        "date" => Ok(Kind::DatePicker),
        "time" => Ok(Kind::TimePicker),
        other => Err(MessageMlError::invalid(format!(
            "The input type \"{other}\" is not allowed on PresentationML"
        ))),
    }
}

fn card_part(name: &str, ctx: Ctx<'_>) -> Result<Kind> {
    let header = name == "header";
    match ctx.parent {
        Kind::Card if header => Ok(Kind::CardHeader),
        Kind::Card => Ok(Kind::CardBody),
        Kind::ExpandableCard if header => Ok(Kind::ExpandableCardHeader),
        Kind::ExpandableCard => Ok(Kind::ExpandableCardBody),
        Kind::Dialog | Kind::Form if !header && ctx.in_dialog => Ok(Kind::DialogBody),
        _ => Err(only_child_of(name, "card")),
    }
}

fn dialog_part(name: &str, ctx: Ctx<'_>) -> Result<Kind> {
    match ctx.parent {
        Kind::Dialog | Kind::Form if ctx.in_dialog => {
            Ok(if name == "title" { Kind::DialogTitle } else { Kind::DialogFooter })
        }
        _ => Err(only_child_of(name, "dialog")),
    }
}

/// Builds `el`, already recognised as `kind`.
pub(crate) fn build(cv: &mut Converter<'_>, kind: Kind, el: &Element, ctx: Ctx<'_>) -> Result<Out> {
    match kind {
        Kind::B | Kind::I | Kind::Sub | Kind::Sup | Kind::P | Kind::Heading(_) | Kind::Pre => {
            basic::formatting(cv, kind, el, ctx)
        }
        Kind::Span => basic::span(cv, el, ctx),
        Kind::Div => basic::div(cv, el, ctx),
        Kind::Br | Kind::Hr => basic::rule(cv, kind, el, ctx),
        Kind::Code => basic::code(cv, el, ctx),
        Kind::A => links::link(cv, el, ctx),
        Kind::Img => links::image(cv, el, ctx),
        Kind::Ul | Kind::Ol | Kind::Li => lists::list(cv, kind, el, ctx),
        Kind::Table | Kind::TableSection | Kind::Tr | Kind::Td | Kind::Th => lists::table(cv, kind, el, ctx),
        Kind::Entity => entity::entity(cv, el, ctx),
        Kind::Mention => shorthand::mention(cv, el, ctx),
        Kind::Hash | Kind::Cash => shorthand::keyword(cv, kind, el, ctx),
        Kind::Emoji => shorthand::emoji(cv, el, ctx),
        Kind::DateTime => shorthand::date_time(cv, el, ctx),
        Kind::FinTag => shorthand::fin_tag(cv, el, ctx),
        Kind::Chime => shorthand::chime(cv, el, ctx),
        Kind::Card | Kind::CardHeader | Kind::CardBody => card::card(cv, kind, el, ctx),
        Kind::ExpandableCard | Kind::ExpandableCardHeader | Kind::ExpandableCardBody => {
            card::expandable(cv, kind, el, ctx)
        }
        Kind::Text => Ok(Out::Text(String::new())),
        _ => forms::build(cv, kind, el, ctx),
    }
}
