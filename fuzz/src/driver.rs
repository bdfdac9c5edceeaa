//! The driver: keeps the corpus, mutates, hands inputs to a worker process,
//! watches it (time, memory, death), saves reproducers and reports.

use std::collections::{HashMap, HashSet, VecDeque};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::mutate::Mutator;
use crate::targets::{Finding, Info, hash_of, normalize};

/// Settings of a run (from the command line).
#[derive(Debug, Clone)]
pub struct Config {
    pub seconds: f64,
    pub seed: u64,
    pub corpus: Option<PathBuf>,
    pub out: PathBuf,
    pub timeout: Duration,
    pub max_len: Option<usize>,
    pub max_rss_mb: u64,
    pub known: Option<PathBuf>,
    /// Worker processes run in parallel, sharing the corpus.
    pub jobs: usize,
}

/// The one-line identity of a finding: kind and normalized message.
pub fn signature(f: &Finding) -> String {
    format!("{}: {}", f.kind, normalize(&f.message))
}

/// Findings already reported and not fixed yet: `target<TAB>signature` lines
/// (`#` comments). They are counted but don't fail the run.
pub fn load_known(path: Option<&Path>) -> HashSet<(String, String)> {
    let Some(path) = path else {
        return HashSet::new();
    };
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(t, s)| (t.trim().to_string(), s.trim().to_string()))
        .collect()
}

enum Msg {
    Ready,
    StartError(String),
    Result {
        feature: u64,
        nanos: u64,
        finding: Option<Finding>,
    },
    Dead,
}

/// A worker process and the threads that read its output.
pub struct Worker {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Msg>,
    tail: Arc<Mutex<VecDeque<String>>>,
    stderr_thread: Option<JoinHandle<()>>,
    pub runs: u64,
}

/// What happened to one input.
pub enum Run {
    Ok {
        feature: u64,
        nanos: u64,
    },
    Found {
        feature: u64,
        nanos: u64,
        finding: Finding,
    },
    /// The worker died, hung or ran out of memory on this input; it is gone.
    Lost(Finding),
}

fn read_str(r: &mut impl Read) -> Option<String> {
    let mut len = [0u8; 4];
    r.read_exact(&mut len).ok()?;
    let mut buf = vec![0u8; u32::from_le_bytes(len) as usize];
    r.read_exact(&mut buf).ok()?;
    Some(String::from_utf8_lossy(&buf).into_owned())
}

fn read_u64(r: &mut impl Read) -> Option<u64> {
    let mut b = [0u8; 8];
    r.read_exact(&mut b).ok()?;
    Some(u64::from_le_bytes(b))
}

fn reader(mut out: impl Read, tx: mpsc::Sender<Msg>) {
    let mut tag = [0u8; 1];
    if out.read_exact(&mut tag).is_err() {
        let _ = tx.send(Msg::Dead);
        return;
    }
    match tag[0] {
        b'R' => {
            let _ = tx.send(Msg::Ready);
        }
        _ => {
            let msg = read_str(&mut out).unwrap_or_else(|| "worker failed to start".into());
            let _ = tx.send(Msg::StartError(msg));
            return;
        }
    }
    loop {
        let frame = (|| {
            out.read_exact(&mut tag).ok()?;
            let feature = read_u64(&mut out)?;
            let nanos = read_u64(&mut out)?;
            let finding = if tag[0] == 1 {
                Some(Finding {
                    kind: read_str(&mut out)?,
                    message: read_str(&mut out)?,
                    details: read_str(&mut out)?,
                })
            } else {
                None
            };
            Some(Msg::Result {
                feature,
                nanos,
                finding,
            })
        })();
        match frame {
            Some(m) => {
                if tx.send(m).is_err() {
                    return;
                }
            }
            None => {
                let _ = tx.send(Msg::Dead);
                return;
            }
        }
    }
}

fn rss_mb(pid: u32) -> Option<u64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = s.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

impl Worker {
    /// Starts `imagen-fuzz --worker NAME`. The last lines of its stderr are
    /// kept (they say why a worker died); with `inherit_stderr` (replay) it
    /// prints its panics and they are echoed to our stderr too.
    pub fn spawn(info: &Info, timeout: Duration, inherit_stderr: bool) -> Result<Worker, String> {
        let exe = std::env::current_exe().map_err(|e| format!("can't find myself: {e}"))?;
        let mut cmd = Command::new(exe);
        cmd.arg("--worker")
            .arg(info.name)
            .arg("--timeout-ms")
            .arg(timeout.as_millis().to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped());
        if !inherit_stderr {
            cmd.arg("--quiet");
        }
        cmd.stderr(Stdio::piped());
        let mut child = cmd
            .spawn()
            .map_err(|e| format!("can't start a worker: {e}"))?;
        let stdin = child.stdin.take().ok_or("no worker stdin")?;
        let stdout = child.stdout.take().ok_or("no worker stdout")?;
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || reader(BufReader::new(stdout), tx));
        let tail = Arc::new(Mutex::new(VecDeque::new()));
        let stderr_thread = child.stderr.take().map(|err| {
            let tail = tail.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(err).lines() {
                    let Ok(line) = line else { break };
                    if inherit_stderr {
                        eprintln!("{line}");
                    }
                    let mut t = tail.lock().unwrap_or_else(|p| p.into_inner());
                    if t.len() >= 40 {
                        t.pop_front();
                    }
                    t.push_back(line);
                }
            })
        });
        let mut w = Worker {
            child,
            stdin,
            rx,
            tail,
            stderr_thread,
            runs: 0,
        };
        match w.rx.recv_timeout(Duration::from_secs(120)) {
            Ok(Msg::Ready) => Ok(w),
            Ok(Msg::StartError(e)) => {
                w.kill();
                Err(format!("the {} worker could not start: {e}", info.name))
            }
            _ => {
                w.kill();
                let tail = w.tail_text();
                Err(format!("the {} worker did not start:\n{tail}", info.name))
            }
        }
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    fn tail_text(&mut self) -> String {
        if let Some(t) = self.stderr_thread.take() {
            // The pipe closes when the process is gone; don't wait forever
            // for a grandchild that might hold it.
            let deadline = Instant::now() + Duration::from_secs(2);
            while !t.is_finished() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(10));
            }
            if t.is_finished() {
                let _ = t.join();
            }
        }
        let t = self.tail.lock().unwrap_or_else(|p| p.into_inner());
        t.iter().cloned().collect::<Vec<_>>().join("\n")
    }

    /// What the stderr of a dead worker says, as a one-line message.
    fn death(&mut self, what: &str) -> Finding {
        let status = self.child.wait().ok();
        let tail = self.tail_text();
        let telling = [
            "overflowed its stack",
            "panicked at",
            "fatal runtime error",
            "memory allocation of",
            "stack overflow",
            "double panic",
            "Aborted",
            "SIGSEGV",
        ];
        let line = tail
            .lines()
            .find(|l| telling.iter().any(|t| l.contains(t)))
            .map(str::trim)
            .map(|l| l.to_string());
        use std::os::unix::process::ExitStatusExt;
        let (kind, how) = match status {
            Some(s) if s.signal().is_some() => (
                "abort",
                format!("worker killed by signal {}", s.signal().unwrap_or(0)),
            ),
            Some(s) => ("exit", format!("worker exited with {s}")),
            None => ("exit", "worker vanished".to_string()),
        };
        let message = match line {
            Some(l) => format!("{how} {what}: {l}"),
            None => format!("{how} {what}"),
        };
        Finding::new(
            kind,
            message,
            format!("worker stderr (last lines):\n{tail}"),
        )
    }

    /// Runs one input with the time and memory bounds.
    pub fn run(&mut self, input: &[u8], timeout: Duration, max_rss_mb: u64) -> Run {
        self.runs += 1;
        let sent = self
            .stdin
            .write_all(&(input.len() as u32).to_le_bytes())
            .and_then(|_| self.stdin.write_all(input))
            .and_then(|_| self.stdin.flush());
        if sent.is_err() {
            return Run::Lost(self.death("before reading the input"));
        }
        let start = Instant::now();
        loop {
            let left = timeout.saturating_sub(start.elapsed());
            if left.is_zero() {
                self.kill();
                let tail = self.tail_text();
                return Run::Lost(Finding::new(
                    "timeout",
                    format!("no result within {:.1} s", timeout.as_secs_f64()),
                    format!("worker stderr (last lines):\n{tail}"),
                ));
            }
            match self.rx.recv_timeout(left.min(Duration::from_millis(250))) {
                Ok(Msg::Result {
                    feature,
                    nanos,
                    finding,
                }) => {
                    return match finding {
                        None => Run::Ok { feature, nanos },
                        Some(finding) => Run::Found {
                            feature,
                            nanos,
                            finding,
                        },
                    };
                }
                Ok(Msg::Dead) | Err(RecvTimeoutError::Disconnected) => {
                    return Run::Lost(self.death("while running the input"));
                }
                Ok(Msg::Ready | Msg::StartError(_)) => {}
                Err(RecvTimeoutError::Timeout) => {
                    if let Some(mb) = rss_mb(self.child.id())
                        && mb > max_rss_mb
                    {
                        self.kill();
                        return Run::Lost(Finding::new(
                            "oom",
                            format!("worker memory above {max_rss_mb} MiB ({mb} MiB)"),
                            String::new(),
                        ));
                    }
                }
            }
        }
    }

    /// Ends the worker: closes its stdin and waits a moment, then kills it.
    pub fn stop(mut self) {
        drop(self.stdin);
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One distinct finding of a run.
pub struct Found {
    pub finding: Finding,
    pub signature: String,
    pub hits: u64,
    pub known: bool,
    pub file: Option<PathBuf>,
}

/// The figures of one target's run.
pub struct Report {
    pub target: &'static str,
    pub execs: u64,
    pub secs: f64,
    pub corpus: usize,
    pub seeds: usize,
    pub found: Vec<Found>,
    pub slowest: Option<(Duration, usize)>,
    pub restarts: u64,
}

impl Report {
    pub fn new_findings(&self) -> usize {
        self.found.iter().filter(|f| !f.known).count()
    }

    pub fn print(&self) {
        let rate = self.execs as f64 / self.secs.max(1e-9);
        let new = self.new_findings();
        let known = self.found.len() - new;
        let hits: u64 = self.found.iter().map(|f| f.hits).sum();
        println!(
            "{}: {} executions in {:.1} s ({:.0}/s); corpus {} ({} seeds); worker restarts {}",
            self.target, self.execs, self.secs, rate, self.corpus, self.seeds, self.restarts
        );
        println!(
            "{}: crashes: {new} new, {known} known ({hits} crashing inputs in all)",
            self.target
        );
        if let Some((d, len)) = self.slowest {
            println!(
                "{}: slowest input: {:.1} ms ({len} bytes)",
                self.target,
                d.as_secs_f64() * 1e3
            );
        }
        for f in &self.found {
            let file = f
                .file
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| "(known, not saved again)".into());
            println!(
                "{}:   [{}] x{}: {} -> {file}\n{}:     signature: {}",
                self.target,
                if f.known { "known" } else { "NEW" },
                f.hits,
                f.finding.message,
                self.target,
                f.signature
            );
        }
    }
}

fn save(
    dir: &Path,
    target: &str,
    input: &[u8],
    f: &Finding,
    sig: &str,
) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let path = dir.join(format!("{}-{:016x}", f.kind, hash_of(input)));
    std::fs::write(&path, input)?;
    let mut txt = path.clone().into_os_string();
    txt.push(".txt");
    let note = format!(
        "target: {target}\nkind: {}\nmessage: {}\nsignature: {sig}\nreplay: cargo run -p imagen-fuzz -- {target} --replay {}\n\n{}\n",
        f.kind,
        f.message,
        path.display(),
        f.details
    );
    std::fs::write(PathBuf::from(txt), note)?;
    Ok(path)
}

fn load_dir(dir: &Path) -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    paths
        .into_iter()
        .filter(|p| p.is_file())
        .filter_map(|p| std::fs::read(p).ok())
        .collect()
}

/// What the jobs of one target's run share.
struct State {
    corpus: Vec<Vec<u8>>,
    features: HashSet<u64>,
    found: Vec<Found>,
    by_sig: HashMap<String, usize>,
    execs: u64,
    restarts: u64,
    slowest: Option<(Duration, usize)>,
    /// The next seed to run unmutated.
    next_seed: usize,
}

/// Fixed for a run.
struct Setup<'a> {
    info: &'static Info,
    cfg: &'a Config,
    seeds: Vec<Vec<u8>>,
    dict: Vec<Vec<u8>>,
    known: HashSet<(String, String)>,
    max_len: usize,
    out_dir: PathBuf,
    start: Instant,
    budget: Duration,
}

/// Fuzzes one target for the configured time, with `cfg.jobs` workers
/// sharing one corpus.
pub fn fuzz(info: &'static Info, cfg: &Config) -> Result<Report, String> {
    let max_len = cfg.max_len.unwrap_or(info.max_len);
    let mut seeds = (info.seeds)();
    if let Some(dir) = &cfg.corpus {
        seeds.extend(load_dir(dir));
    }
    seeds.retain(|s| s.len() <= max_len);
    if seeds.is_empty() {
        seeds.push(Vec::new());
    }
    let dict = (info.dict)(&seeds);
    let n_seeds = seeds.len();
    println!(
        "== {}: {} seeds, {} dictionary words, {:.0} s, {} job(s), seed {}",
        info.name,
        n_seeds,
        dict.len(),
        cfg.seconds,
        cfg.jobs,
        cfg.seed
    );
    let state = Mutex::new(State {
        corpus: seeds.clone(),
        features: HashSet::new(),
        found: Vec::new(),
        by_sig: HashMap::new(),
        execs: 0,
        restarts: 0,
        slowest: None,
        next_seed: 0,
    });
    let setup = Setup {
        info,
        cfg,
        seeds,
        dict,
        known: load_known(cfg.known.as_deref()),
        max_len,
        out_dir: cfg.out.join(info.name),
        start: Instant::now(),
        budget: Duration::from_secs_f64(cfg.seconds),
    };
    let results: Vec<Result<(), String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..cfg.jobs.max(1))
            .map(|job| {
                let (setup, state) = (&setup, &state);
                scope.spawn(move || job_loop(setup, state, job as u64))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| Err("a job panicked".into())))
            .collect()
    });
    for r in results {
        r?;
    }
    let secs = setup.start.elapsed().as_secs_f64();
    let st = state.into_inner().unwrap_or_else(|p| p.into_inner());
    Ok(Report {
        target: info.name,
        execs: st.execs,
        secs,
        corpus: st.corpus.len(),
        seeds: n_seeds,
        found: st.found,
        slowest: st.slowest,
        restarts: st.restarts,
    })
}

fn job_loop(setup: &Setup<'_>, state: &Mutex<State>, job: u64) -> Result<(), String> {
    let (info, cfg) = (setup.info, setup.cfg);
    let n_seeds = setup.seeds.len();
    let lock = || state.lock().unwrap_or_else(|p| p.into_inner());
    let mut rng = StdRng::seed_from_u64(cfg.seed ^ hash_of((info.name, job)));
    let mut mutator = Mutator::new(StdRng::seed_from_u64(rng.r#gen()), setup.max_len);
    let mut worker = Worker::spawn(info, cfg.timeout, false)?;
    let mut last_progress = Instant::now();
    while setup.start.elapsed() < setup.budget {
        // First every seed as it is, then mutations of corpus entries.
        let (input, is_seed) = {
            let mut st = lock();
            if st.next_seed < n_seeds {
                st.next_seed += 1;
                (setup.seeds[st.next_seed - 1].clone(), true)
            } else {
                // A quarter of the time a seed: a corpus full of inputs that
                // reached new error paths must not crowd out the valid documents.
                let pool = if rng.gen_ratio(1, 4) {
                    n_seeds
                } else {
                    st.corpus.len()
                };
                let base = &st.corpus[rng.gen_range(0..pool)];
                (mutator.mutate(base, &st.corpus, &setup.dict), false)
            }
        };
        let run = worker.run(&input, cfg.timeout, cfg.max_rss_mb);
        let (feature, finding, nanos, lost) = match run {
            Run::Ok { feature, nanos } => (Some(feature), None, Some(nanos), false),
            Run::Found {
                feature,
                nanos,
                finding,
            } => (Some(feature), Some(finding), Some(nanos), false),
            Run::Lost(f) => {
                let nanos = (f.kind == "timeout").then_some(cfg.timeout.as_nanos() as u64);
                worker = Worker::spawn(info, cfg.timeout, false)?;
                (None, Some(f), nanos, true)
            }
        };
        let mut st = lock();
        st.execs += 1;
        st.restarts += lost as u64;
        if let Some(n) = nanos {
            note_slow(&mut st.slowest, n, input.len());
        }
        if let Some(feature) = feature
            && st.features.insert(feature)
            && !is_seed
        {
            if st.corpus.len() < 20_000 {
                st.corpus.push(input.clone());
            } else {
                let i = rng.gen_range(n_seeds..st.corpus.len());
                st.corpus[i] = input.clone();
            }
            if let Some(dir) = &cfg.corpus {
                let _ = std::fs::create_dir_all(dir);
                let _ = std::fs::write(dir.join(format!("{:016x}", hash_of(&input))), &input);
            }
        }
        if let Some(f) = finding {
            record(setup, &mut st, &input, f);
        }
        // A progress line a minute on long runs.
        if job == 0 && last_progress.elapsed() >= Duration::from_secs(60) {
            last_progress = Instant::now();
            let secs = setup.start.elapsed().as_secs_f64();
            println!(
                "{}: … {:.0} s: {} executions ({:.0}/s), corpus {}, {} distinct crashes",
                info.name,
                secs,
                st.execs,
                st.execs as f64 / secs,
                st.corpus.len(),
                st.found.len()
            );
        }
        drop(st);
        if info.recycle > 0 && worker.runs >= info.recycle {
            worker.stop();
            worker = Worker::spawn(info, cfg.timeout, false)?;
        }
    }
    worker.stop();
    Ok(())
}

/// Counts a finding; the first input of each signature is saved (unless known).
fn record(setup: &Setup<'_>, st: &mut State, input: &[u8], f: Finding) {
    let name = setup.info.name;
    let sig = signature(&f);
    if let Some(&i) = st.by_sig.get(&sig) {
        st.found[i].hits += 1;
        return;
    }
    let is_known = setup.known.contains(&(name.to_string(), sig.clone()));
    let file = if is_known {
        None
    } else {
        match save(&setup.out_dir, name, input, &f, &sig) {
            Ok(p) => Some(p),
            Err(e) => {
                eprintln!(
                    "can't save a reproducer in {}: {e}",
                    setup.out_dir.display()
                );
                None
            }
        }
    };
    println!(
        "{name}: {} {}: {}{}",
        if is_known { "known" } else { "NEW" },
        f.kind,
        f.message,
        file.as_ref()
            .map(|p| format!(" -> {}", p.display()))
            .unwrap_or_default()
    );
    st.by_sig.insert(sig.clone(), st.found.len());
    st.found.push(Found {
        finding: f,
        signature: sig,
        hits: 1,
        known: is_known,
        file,
    });
}

fn note_slow(slowest: &mut Option<(Duration, usize)>, nanos: u64, len: usize) {
    let d = Duration::from_nanos(nanos);
    if slowest.is_none_or(|(s, _)| d > s) {
        *slowest = Some((d, len));
    }
}

/// Runs saved inputs once each, printing what they do; true when any is a finding.
pub fn replay(info: &'static Info, files: &[PathBuf], cfg: &Config) -> Result<bool, String> {
    let mut any = false;
    let mut worker = Worker::spawn(info, cfg.timeout, true)?;
    for file in files {
        let input =
            std::fs::read(file).map_err(|e| format!("can't read {}: {e}", file.display()))?;
        let (finding, nanos) = match worker.run(&input, cfg.timeout, cfg.max_rss_mb) {
            Run::Ok { nanos, .. } => (None, Some(nanos)),
            Run::Found { finding, nanos, .. } => (Some(finding), Some(nanos)),
            Run::Lost(f) => {
                worker = Worker::spawn(info, cfg.timeout, true)?;
                (Some(f), None)
            }
        };
        let took = nanos
            .map(|n| format!(" in {:.2} ms", n as f64 / 1e6))
            .unwrap_or_default();
        match finding {
            None => println!("{}: ok{took} ({} bytes)", file.display(), input.len()),
            Some(f) => {
                any = true;
                println!(
                    "{}: {}{took}: {}\nsignature: {}\n{}",
                    file.display(),
                    f.kind,
                    f.message,
                    signature(&f),
                    f.details
                );
            }
        }
    }
    worker.stop();
    Ok(any)
}
