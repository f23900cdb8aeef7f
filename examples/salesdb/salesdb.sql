-- The CDC story: orders per customer of a MySQL sales database, from Debezium change events.
-- Run from the repository root: `npm start` (generates the events first), or
-- `npx weir sql -f examples/salesdb/salesdb.sql` after `node examples/salesdb/generate-salesdb.ts`.

-- Wait for each INSERT to finish (the change logs are files read to their end); without this the
-- INSERT is submitted as a detached job, as in Flink's SQL client.
SET 'table.dml-sync' = 'true';

-- The three source tables. Debezium metadata columns tell where and when each change happened;
-- the watermark allows change events to arrive up to 5 seconds out of order.
CREATE TABLE customer (
  event_time      TIMESTAMP_LTZ(3) METADATA FROM 'value.source.timestamp' VIRTUAL,
  origin_database STRING METADATA FROM 'value.source.database' VIRTUAL,
  origin_table    STRING METADATA FROM 'value.source.table' VIRTUAL,
  CUST_ID         BIGINT,
  NAME            STRING,
  MKTSEGMENT      STRING,
  PRIMARY KEY (CUST_ID) NOT ENFORCED,
  WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = 'examples/salesdb/data/customer.jsonl',
  'format' = 'debezium-json'
);

CREATE TABLE customer_site (
  event_time      TIMESTAMP_LTZ(3) METADATA FROM 'value.source.timestamp' VIRTUAL,
  SITE_ID         BIGINT,
  CUST_ID         BIGINT,
  ADDRESS         STRING,
  CITY            STRING,
  STATE           STRING,
  COUNTRY         STRING,
  PHONE           STRING,
  PRIMARY KEY (SITE_ID) NOT ENFORCED,
  WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = 'examples/salesdb/data/customer_site.jsonl',
  'format' = 'debezium-json'
);

CREATE TABLE sales_order_all (
  event_time      TIMESTAMP_LTZ(3) METADATA FROM 'value.source.timestamp' VIRTUAL,
  ORDER_ID        BIGINT,
  SITE_ID         BIGINT,
  ORDER_DATE      DATE,
  SHIP_MODE       STRING,
  PRIMARY KEY (ORDER_ID) NOT ENFORCED,
  WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = 'examples/salesdb/data/sales_order_all.jsonl',
  'format' = 'debezium-json'
);

-- The upsert sink: one row per customer, keyed by CUST_ID. The filesystem connector with a
-- changelog format writes every change (+I, -U, +U, -D) as a Debezium JSON line, so the
-- result can be replayed; the demo applies it and shows the final table.
CREATE TABLE customer_order_counts (
  order_count BIGINT,
  cust_id     BIGINT,
  name        STRING,
  mktsegment  STRING,
  ts          TIMESTAMP_LTZ(3),
  PRIMARY KEY (cust_id) NOT ENFORCED
) WITH (
  'connector' = 'filesystem',
  'path' = 'examples/salesdb/output',
  'format' = 'debezium-json'
);

-- The query of the story: orders per customer, over the join of the three changing tables.
INSERT INTO customer_order_counts
SELECT COUNT(O.ORDER_ID), C.CUST_ID, C.NAME, C.MKTSEGMENT, PROCTIME()
FROM customer C
JOIN customer_site CS ON C.CUST_ID = CS.CUST_ID
JOIN sales_order_all O ON O.SITE_ID = CS.SITE_ID
GROUP BY C.CUST_ID, C.NAME, C.MKTSEGMENT;
