//! What an input element is, once its tag (and, for PresentationML, its class or type) has
//! been recognised. Content-model checks are written against kinds, not tag names, so the
//! MessageML and PresentationML spellings of one element obey the same rules.

/// The recognised element kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Kind {
    #[default]
    Text,
    B,
    I,
    Sub,
    Sup,
    Span,
    Div,
    P,
    Heading(u8),
    Br,
    Hr,
    Pre,
    Code,
    A,
    Img,
    Ul,
    Ol,
    Li,
    Table,
    TableSection,
    Tr,
    Td,
    Th,
    Entity,
    Mention,
    Hash,
    Cash,
    Emoji,
    DateTime,
    FinTag,
    Chime,
    Card,
    CardHeader,
    CardBody,
    ExpandableCard,
    ExpandableCardHeader,
    ExpandableCardBody,
    Form,
    Button,
    TextField,
    TextArea,
    RichTextArea,
    Select,
    Option,
    Checkbox,
    Radio,
    PersonSelector,
    RoomSelector,
    DateSelector,
    DatePicker,
    TimePicker,
    TimezonePicker,
    Dialog,
    DialogTitle,
    DialogBody,
    DialogFooter,
    UiAction,
    LabelWrapper,
}

impl Kind {
    /// The reference's "phrasing" set: text, a, b, i, img, br, span, emoji, hash, cash,
    /// mention, sub, sup, chime.
    pub fn is_phrasing(self) -> bool {
        matches!(
            self,
            Kind::Text
                | Kind::A
                | Kind::B
                | Kind::I
                | Kind::Img
                | Kind::Br
                | Kind::Span
                | Kind::Entity
                | Kind::Emoji
                | Kind::Hash
                | Kind::Cash
                | Kind::Mention
                | Kind::Sub
                | Kind::Sup
                | Kind::Chime
        )
    }
}
