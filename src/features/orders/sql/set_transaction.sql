-- The payment gateway's transaction for a card order.
UPDATE orders SET payment_transaction_id = $2, updated_at = now() WHERE id = $1
