//! Who may do what. Each rule is a pure function of the domain, named after what it decides.

pub mod admin;
pub mod conversations;
pub mod dlp;
pub mod messages;
pub mod room_search;
pub mod rooms;
pub mod streams;
