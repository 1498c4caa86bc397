-- The products each user has received (an order of theirs with the product was delivered), kept by
-- the catalog so that a review says whether its writer bought what they review (verifiedPurchase).
CREATE TABLE product_receipts (
    user_id     text NOT NULL REFERENCES users (id),
    product_id  text NOT NULL REFERENCES products (id),
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, product_id)
);

INSERT INTO product_receipts (user_id, product_id, received_at)
SELECT o.user_id, i.product_id, min(coalesce(o.actual_time, o.updated_at))
FROM orders o
JOIN order_items i ON i.order_id = o.id
WHERE o.status = 'delivered'
GROUP BY o.user_id, i.product_id;

UPDATE reviews r SET verified_purchase = true
FROM product_receipts pr
WHERE pr.user_id = r.user_id AND pr.product_id = r.product_id AND NOT r.verified_purchase;
