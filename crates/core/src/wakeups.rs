//! Who waits for events, and waking them: one [`Notify`] per user with a waiting datafeed read, and
//! one for datahose readers, who wait for any event. The store tells whose events it appended
//! ([`sympod_store::Store::set_event_sink`]), so an event wakes only the reads it may concern.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, Weak};

use sympod_model::UserId;
use sympod_store::Wake;
use tokio::sync::Notify;

#[derive(Debug, Default)]
pub(crate) struct Wakeups {
    /// A user's notifier lives while one of their reads waits on it.
    users: Mutex<Users>,
    /// Datahose readers: woken by every event.
    everyone: Notify,
}

#[derive(Debug, Default)]
struct Users {
    by_id: HashMap<UserId, Weak<Notify>>,
    /// The size after the last clean-up: the map is swept of dead entries when it doubles.
    swept_at: usize,
}

impl Wakeups {
    /// The notifier a read of `user`'s events waits on.
    pub(crate) fn of(&self, user: UserId) -> Arc<Notify> {
        let mut users = self.users.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(live) = users.by_id.get(&user).and_then(Weak::upgrade) {
            return live;
        }
        if users.by_id.len() >= 2 * users.swept_at.max(64) {
            users.by_id.retain(|_, n| n.strong_count() > 0);
            users.swept_at = users.by_id.len();
        }
        let notify = Arc::new(Notify::new());
        users.by_id.insert(user, Arc::downgrade(&notify));
        notify
    }

    /// The notifier datahose reads wait on.
    pub(crate) fn everyone(&self) -> &Notify {
        &self.everyone
    }

    /// Wakes the reads waiting for the events of `wake`, and every datahose read.
    pub(crate) fn wake(&self, wake: Wake<'_>) {
        let woken: Vec<Arc<Notify>> = {
            let users = self.users.lock().unwrap_or_else(|e| e.into_inner());
            match wake {
                Wake::Users(ids) => ids.iter().filter_map(|id| users.by_id.get(id)?.upgrade()).collect(),
                Wake::Everyone => users.by_id.values().filter_map(Weak::upgrade).collect(),
            }
        };
        for notify in woken {
            notify.notify_waiters();
        }
        self.everyone.notify_waiters();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_event_wakes_its_audience_and_no_one_else() {
        let wakeups = Wakeups::default();
        let (alice, bob) = (wakeups.of(UserId(1)), wakeups.of(UserId(2)));
        let (a, b) = (alice.notified(), bob.notified());
        tokio::pin!(a, b);
        a.as_mut().enable();
        b.as_mut().enable();
        wakeups.wake(Wake::Users(&[UserId(1)]));
        assert!(futures_poll(a.as_mut()), "alice is woken");
        assert!(!futures_poll(b.as_mut()), "bob is not");
        wakeups.wake(Wake::Everyone);
        assert!(futures_poll(b.as_mut()), "everyone includes bob");
    }

    #[test]
    fn notifiers_of_finished_reads_are_swept() {
        let wakeups = Wakeups::default();
        for i in 0..1000 {
            drop(wakeups.of(UserId(i)));
        }
        assert!(wakeups.users.lock().unwrap().by_id.len() < 200, "dead entries do not pile up");
        let kept = wakeups.of(UserId(5));
        assert!(Arc::ptr_eq(&kept, &wakeups.of(UserId(5))), "a live notifier is shared");
    }

    /// Polls a future once, answering whether it is ready.
    fn futures_poll<F: std::future::Future>(f: std::pin::Pin<&mut F>) -> bool {
        let waker = std::task::Waker::noop();
        f.poll(&mut std::task::Context::from_waker(waker)).is_ready()
    }
}
