//! `audit` carries out an [`AuditPlan`]: each job in input order through the library's pipeline,
//! under one progress bar, with a summary line per catalogue and a total for several.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use k2d3_audit::{AuditConfig, Outcome, Progress, Verdict, audit_catalogue, human_amount};

use super::plan::{AuditPlan, Job, ProgressMode};
use super::{Code, fail};

pub fn run(plan: AuditPlan) -> Code {
    let bar = progress_bar(plan.progress);
    let report = bar.as_ref().map(|pb| move |p: Progress<'_>| advance(pb, p));
    let cfg = plan.config(report.as_ref().map(|f| f as &(dyn Fn(Progress<'_>) + Sync)));
    let mut code = Code::Ok;
    let mut totals = Totals::default();
    if !plan.quiet {
        for n in &plan.notes {
            err!("note: {n}");
        }
    }
    for job in &plan.jobs {
        let job_code = match job {
            Ok(job) => audit_job(job, &plan, &cfg, &mut totals),
            Err(e) => fail(e),
        };
        code = code.max(job_code);
    }
    if totals.catalogues > 1 && !plan.quiet {
        totals.print();
    }
    code
}

/// Audits one catalogue and prints its line; its exit code.
fn audit_job(job: &Job, plan: &AuditPlan, cfg: &AuditConfig<'_>, totals: &mut Totals) -> Code {
    let audited = audit_catalogue(&job.path, &job.shown, &job.out_dir, &job.reader, cfg);
    // What the reader noted (rows above the header, the sheet read), after the catalogue's line.
    let reader_notes = job.reader.notes.take();
    let o = match audited {
        Ok(o) => o,
        Err(e) => return fail(&e),
    };
    if !plan.quiet {
        print_catalogue(&job.shown, &o);
        for n in reader_notes {
            err!("note: {n}");
        }
    }
    totals.add(&o);
    if plan.exit_on.count(&o) > 0 { Code::Findings } else { Code::Ok }
}

/// The bar for `mode`, or none when it is hidden.
fn progress_bar(mode: ProgressMode) -> Option<ProgressBar> {
    let target = match mode {
        ProgressMode::Hidden => return None,
        ProgressMode::Terminal => ProgressDrawTarget::stderr_with_hz(10),
        // indicatif's stderr target hides itself off a terminal: draw through console instead.
        ProgressMode::Forced => ProgressDrawTarget::term_like_with_hz(Box::new(console::Term::stderr()), 10),
    };
    let pb = ProgressBar::with_draw_target(Some(0), target);
    if let Ok(style) = ProgressStyle::with_template("{prefix} [{bar:30}] {bytes}/{total_bytes} · {msg} · {bytes_per_sec} · ETA {eta}") {
        pb.set_style(style.progress_chars("=> "));
    }
    Some(pb)
}

/// The pipeline's progress callback: one bar, restarted for each catalogue.
fn advance(pb: &ProgressBar, p: Progress<'_>) {
    match p {
        Progress::Start { path, total_bytes } => {
            pb.reset();
            pb.set_length(total_bytes);
            pb.set_position(0);
            pb.set_prefix(path.to_string());
            pb.set_message("0 records");
        }
        Progress::Advance { records, bytes } => {
            pb.set_position(bytes);
            pb.set_message(format!("{} records", grouped(records)));
        }
        Progress::Finish => pb.finish_and_clear(),
    }
}

/// A count with thousands separators: 12,345.
fn grouped(n: u64) -> String {
    human_amount(n as f64)
}

/// One catalogue's summary line on stdout, then its notes (unused or expired waivers) on stderr.
fn print_catalogue(shown: &str, o: &Outcome) {
    let t = &o.tally;
    out!(
        "{}: {} products - {} pass, {} warn, {} review, {} fail, {} invalid, {} skipped -> {}/ ({:.2} s)",
        shown,
        grouped(t.products()),
        grouped(t.count(Verdict::Pass)),
        grouped(t.count(Verdict::Warn)),
        grouped(t.count(Verdict::Review)),
        grouped(t.count(Verdict::Fail)),
        grouped(t.count(Verdict::Invalid)),
        grouped(t.count(Verdict::Skipped)),
        o.out_dir.display(),
        o.elapsed.as_secs_f64()
    );
    for n in &o.notes {
        err!("note: {n}");
    }
}

/// The run's totals over the catalogues audited.
#[derive(Debug, Default)]
struct Totals {
    catalogues: usize,
    products: u64,
    /// Indexed by `Verdict as usize`.
    verdicts: [u64; Verdict::ALL.len()],
    elapsed: Duration,
}

impl Totals {
    fn add(&mut self, o: &Outcome) {
        self.catalogues += 1;
        self.products += o.tally.products();
        for v in Verdict::ALL {
            self.verdicts[v as usize] += o.tally.count(v);
        }
        self.elapsed += o.elapsed;
    }

    fn print(&self) {
        let v = |verdict: Verdict| grouped(self.verdicts[verdict as usize]);
        out!(
            "total: {} catalogues, {} products - {} pass, {} warn, {} review, {} fail, {} invalid, {} skipped ({:.2} s)",
            self.catalogues,
            grouped(self.products),
            v(Verdict::Pass),
            v(Verdict::Warn),
            v(Verdict::Review),
            v(Verdict::Fail),
            v(Verdict::Invalid),
            v(Verdict::Skipped),
            self.elapsed.as_secs_f64()
        );
    }
}
