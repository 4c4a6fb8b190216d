//! Black-box tests of the sympod API: a real server on port 0, real HTTP, keys the tests generate.

mod admin_users;
mod apps_obo;
mod companies;
mod datafeed;
mod dlp;
mod errors;
mod im_pins;
mod ims;
mod instances;
mod login;
mod lookups;
mod membership;
mod message_edges;
mod message_fanout;
mod message_files;
mod message_oversight;
mod message_rules;
mod message_updates;
mod messages;
mod room_search;
mod rooms;
mod rooms_legacy;
mod sessions;
mod stream_edges;
mod stream_lists;
mod support;
