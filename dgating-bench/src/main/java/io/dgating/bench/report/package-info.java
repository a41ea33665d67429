/** Machine-readable (JSON, CSV) and human-readable (Markdown, PNG and SVG plots) reports, written atomically. */
package io.dgating.bench.report;
