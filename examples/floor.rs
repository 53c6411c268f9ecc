//! The throughput floor for issue 5: read every record with `csv::ByteRecord` and write it back
//! with `csv::Writer`, nothing else. `k2d3-audit audit` is measured against this.
//!
//! Usage: cargo run --release --example floor -- <in.csv> <out.csv>

use std::io::{BufWriter, Write};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        let _ = writeln!(std::io::stderr(), "usage: floor <in.csv> <out.csv>");
        std::process::exit(2);
    }
    let run = || -> Result<u64, Box<dyn std::error::Error>> {
        let mut r = csv::ReaderBuilder::new().flexible(true).has_headers(false).from_path(&args[1])?;
        let mut w = csv::WriterBuilder::new().flexible(true).from_writer(BufWriter::new(std::fs::File::create(&args[2])?));
        let mut rec = csv::ByteRecord::new();
        let mut n = 0u64;
        while r.read_byte_record(&mut rec)? {
            w.write_byte_record(&rec)?;
            n += 1;
        }
        w.flush()?;
        Ok(n)
    };
    match run() {
        Ok(n) => {
            let _ = writeln!(std::io::stderr(), "{n} records copied");
        }
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "floor: {e}");
            std::process::exit(1);
        }
    }
}
