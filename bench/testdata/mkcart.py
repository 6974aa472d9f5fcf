#!/usr/bin/env python3
"""Writes cart_valid.json and cart_invalid.json next to this file.

The documents follow Medusa v1's Cart schema (shared/corpus/medusa-v1/store/
components/schemas/Cart.yaml and the files it references) and look like what
GET /store/carts/{id} returns with the usual expansions: 20 line items with
their variant, product, tax lines and adjustments, a region with countries,
currency and providers, discounts with rules, a gift card, payment sessions,
a shipping method with its option, the sales channel and both addresses.
The JSON is compact, as the API sends it. The output is deterministic; rerun with `python3 testdata/mkcart.py`.
"""
import copy
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
T0 = "2024-03-14T09:26:53.402Z"
T1 = "2024-03-14T09:41:07.118Z"


def stamps(deleted=True, metadata=None):
    # metadata is {} rather than null: ogen v1.24.0 cannot decode null into a
    # required, nullable, free-form object (see README.md).
    if metadata is None:
        metadata = {}
    out = {"created_at": T0, "updated_at": T1}
    if deleted:
        out["deleted_at"] = None
    out["metadata"] = metadata
    return out


def currency():
    return {"code": "eur", "symbol": "€", "symbol_native": "€", "name": "Euro", "includes_tax": False}


def country(i, iso2, iso3, num, name):
    return {"id": str(70 + i), "iso_2": iso2, "iso_3": iso3, "num_code": num, "name": name.upper(),
            "display_name": name, "region_id": "reg_01HRX6Q2ZKZ0N5W8V9M3C4D7EA"}


COUNTRIES = [("dk", "dnk", "208", "Denmark"), ("fr", "fra", "250", "France"),
             ("de", "deu", "276", "Germany"), ("it", "ita", "380", "Italy"),
             ("es", "esp", "724", "Spain"), ("se", "swe", "752", "Sweden")]


def region():
    r = {
        "id": "reg_01HRX6Q2ZKZ0N5W8V9M3C4D7EA",
        "name": "EU",
        "currency_code": "eur",
        "currency": currency(),
        "tax_rate": 25,
        "tax_rates": [{
            "id": "txr_01HRX6QA3K5P8R2S4T6V8W0Y2Z", "rate": 12.5, "code": "REDUCED",
            "name": "Reduced rate", "region_id": "reg_01HRX6Q2ZKZ0N5W8V9M3C4D7EA",
            "product_count": 3, "product_type_count": 1, "shipping_option_count": 0,
            "created_at": T0, "updated_at": T1, "metadata": {},
        }],
        "tax_code": None,
        "gift_cards_taxable": True,
        "automatic_taxes": True,
        "countries": [country(i, *c) for i, c in enumerate(COUNTRIES)],
        "tax_provider_id": None,
        "payment_providers": [{"id": "manual", "is_installed": True}, {"id": "stripe", "is_installed": True}],
        "fulfillment_providers": [{"id": "manual", "is_installed": True}],
        "includes_tax": False,
    }
    r.update(stamps())
    return r


def address(aid, first, last, street, city, postal):
    a = {
        "id": aid, "customer_id": "cus_01HRX6R1B2C3D4E5F6G7H8J9KA", "company": "Nordlys ApS",
        "first_name": first, "last_name": last, "address_1": street, "address_2": None,
        "city": city, "country_code": "dk",
        "country": country(0, *COUNTRIES[0]),
        "province": None, "postal_code": postal, "phone": "+45 32 12 34 56",
    }
    a.update(stamps(metadata={"source": "checkout"}))
    return a


PRODUCTS = ["Medusa T-Shirt", "Medusa Sweatshirt", "Medusa Sweatpants", "Medusa Shorts",
            "Medusa Hoodie", "Medusa Longsleeve", "Medusa Coffee Mug", "Medusa Tote Bag",
            "Medusa Cap", "Medusa Socks"]
SIZES = ["S", "M", "L", "XL"]


def ulid(prefix, n):
    return "%s_01HRX7%020X" % (prefix, n)


def product(p):
    title = PRODUCTS[p % len(PRODUCTS)]
    handle = title.lower().replace(" ", "-")
    pid = ulid("prod", p)
    d = {
        "id": pid, "title": title, "subtitle": None,
        "description": "Reimagine the feeling of a classic piece. With our cotton %s, everyday essentials no longer have to be ordinary." % title.split()[-1].lower(),
        "handle": handle, "is_giftcard": False, "status": "published",
        "images": [dict({"id": ulid("img", p * 10 + k),
                         "url": "https://medusa-public-images.s3.eu-west-1.amazonaws.com/%s-%s.png" % (handle, side)},
                        **stamps()) for k, side in enumerate(["front", "back"])],
        "thumbnail": "https://medusa-public-images.s3.eu-west-1.amazonaws.com/%s-front.png" % handle,
        "profile_id": "sp_01HRX6Q4N2M7K9J1H3G5F7D9B1",
        "weight": 400, "length": None, "height": None, "width": None,
        "hs_code": None, "origin_country": None, "mid_code": None, "material": None,
        "collection_id": "pcol_01HRX6Q8W4E6R8T0Y2U4I6O8P0",
        "collection": dict({"id": "pcol_01HRX6Q8W4E6R8T0Y2U4I6O8P0", "title": "Merch", "handle": "merch"}, **stamps()),
        "type_id": None,
        "tags": [dict({"id": ulid("ptag", p), "value": "cotton"}, **stamps())],
        "discountable": True, "external_id": None,
    }
    d.update(stamps())
    return d


def variant(p, s):
    vid = ulid("variant", p * 10 + s)
    v = {
        "id": vid, "title": SIZES[s], "product_id": ulid("prod", p),
        "product": product(p),
        "prices": [dict({"id": ulid("ma", p * 10 + s * 2 + k), "currency_code": cur, "amount": amt,
                         "min_quantity": None, "max_quantity": None, "price_list_id": None,
                         "variant_id": vid, "region_id": None})
                   for k, (cur, amt) in enumerate([("eur", 1950 + 100 * p), ("usd", 2200 + 100 * p)])],
        "sku": "%s-%s" % (PRODUCTS[p % len(PRODUCTS)].split()[-1].upper()[:5], SIZES[s]),
        "barcode": None, "ean": None, "upc": None, "variant_rank": s,
        "inventory_quantity": 100 - 7 * s, "allow_backorder": False, "manage_inventory": True,
        "hs_code": None, "origin_country": None, "mid_code": None, "material": None,
        "weight": None, "length": None, "height": None, "width": None,
        "options": [dict({"id": ulid("optval", p * 10 + s), "value": SIZES[s],
                          "option_id": ulid("opt", p), "variant_id": vid}, **stamps())],
        "purchasable": True,
    }
    for m in v["prices"]:
        m.update(stamps())
        del m["metadata"]
    v.update(stamps())
    return v


def line_item(i):
    p, s = i % len(PRODUCTS), (i // len(PRODUCTS) + i) % len(SIZES)
    iid = ulid("item", i)
    qty = 1 + i % 3
    unit = 1950 + 100 * p
    sub = unit * qty
    disc = sub // 10 if i % 4 == 0 else 0
    tax = (sub - disc) // 4
    li = {
        "id": iid, "cart_id": "cart_01HRX7A0B1C2D3E4F5G6H7J8K9", "order_id": None, "swap_id": None,
        "claim_order_id": None,
        "tax_lines": [dict({"id": ulid("litl", i), "code": "default", "name": "default", "rate": 25,
                            "item_id": iid}, **stamps(deleted=False))],
        "adjustments": ([{"id": ulid("lia", i), "item_id": iid, "description": "discount",
                          "discount_id": "disc_01HRX6QC5V7B9N1M3K5J7H9G1F", "amount": disc, "metadata": {}}]
                        if disc else []),
        "original_item_id": None, "order_edit_id": None,
        "title": PRODUCTS[p], "description": SIZES[s],
        "thumbnail": "https://medusa-public-images.s3.eu-west-1.amazonaws.com/%s-front.png" % PRODUCTS[p].lower().replace(" ", "-"),
        "is_return": False, "is_giftcard": False, "should_merge": True, "allow_discounts": True,
        "has_shipping": True, "unit_price": unit, "variant_id": ulid("variant", p * 10 + s),
        "variant": variant(p, s),
        "quantity": qty, "fulfilled_quantity": None, "returned_quantity": None, "shipped_quantity": None,
        "refundable": sub - disc + tax, "subtotal": sub, "tax_total": tax, "total": sub - disc + tax,
        "original_total": sub + sub // 4, "original_tax_total": sub // 4, "discount_total": disc,
        "raw_discount_total": disc, "gift_card_total": 0, "includes_tax": False,
    }
    li.update(stamps(deleted=False, metadata={}))
    return li


def discount(i, code, kind, value, alloc):
    did = ulid("disc", i)
    d = {
        "id": did, "code": code, "is_dynamic": False, "rule_id": ulid("dru", i),
        "rule": dict({"id": ulid("dru", i), "type": kind, "description": "%s off" % code,
                      "value": value, "allocation": alloc, "conditions": []}, **stamps()),
        "is_disabled": False, "parent_discount_id": None, "starts_at": "2024-01-01T00:00:00.000Z",
        "ends_at": "2024-12-31T23:59:59.000Z", "valid_duration": None, "usage_limit": 1000,
        "usage_count": 17 + i,
    }
    d.update(stamps())
    return d


def shipping_method():
    so = {
        "id": "so_01HRX6QE7X9Z1B3D5F7H9K1M3N", "name": "PostNord Standard", "region_id": region()["id"],
        "profile_id": "sp_01HRX6Q4N2M7K9J1H3G5F7D9B1",
        "profile": dict({"id": "sp_01HRX6Q4N2M7K9J1H3G5F7D9B1", "name": "Default Shipping Profile",
                         "type": "default"}, **stamps()),
        "provider_id": "manual", "provider": {"id": "manual", "is_installed": True},
        "price_type": "flat_rate", "amount": 800, "is_return": False, "admin_only": False,
        "requirements": [{"id": "sor_01HRX6QF8Y0A2C4E6G8J0L2N4Q", "shipping_option_id": "so_01HRX6QE7X9Z1B3D5F7H9K1M3N",
                          "type": "max_subtotal", "amount": 50000, "deleted_at": None}],
        "data": {}, "includes_tax": False,
    }
    so.update(stamps())
    return {
        "id": "sm_01HRX7B1C2D3E4F5G6H7J8K9L0", "shipping_option_id": so["id"], "order_id": None,
        "claim_order_id": None, "cart_id": "cart_01HRX7A0B1C2D3E4F5G6H7J8K9", "swap_id": None,
        "return_id": None, "shipping_option": so,
        "tax_lines": [dict({"id": "smtl_01HRX7B2D3E4F5G6H7J8K9L0M1", "code": "default", "name": "default",
                            "rate": 25, "shipping_method_id": "sm_01HRX7B1C2D3E4F5G6H7J8K9L0"}, **stamps(deleted=False))],
        "price": 800, "data": {}, "includes_tax": False, "subtotal": 800, "total": 1000, "tax_total": 200,
    }


def payment_session(provider, selected, status):
    return {
        "id": "ps_01HRX7C%s" % ("STRIPE0000000000000" if provider == "stripe" else "MANUAL0000000000000"),
        "cart_id": "cart_01HRX7A0B1C2D3E4F5G6H7J8K9", "provider_id": provider, "is_selected": selected,
        "is_initiated": True, "status": status,
        "data": ({"id": "pi_3OuA1bLkdIwHu7ix0Qk6bL2c", "client_secret": "pi_3OuA1bLkdIwHu7ix0Qk6bL2c_secret_x",
                  "amount": 89512, "currency": "eur", "status": "requires_payment_method"}
                 if provider == "stripe" else {"status": "pending"}),
        "idempotency_key": None, "amount": 89512, "payment_authorized_at": None,
        "created_at": T0, "updated_at": T1,
    }


def cart():
    items = [line_item(i) for i in range(20)]
    sub = sum(li["subtotal"] for li in items)
    disc = sum(li["discount_total"] for li in items)
    itax = sum(li["tax_total"] for li in items)
    sessions = [payment_session("stripe", True, "pending"), payment_session("manual", False, "pending")]
    c = {
        "id": "cart_01HRX7A0B1C2D3E4F5G6H7J8K9",
        "email": "jane.doe@example.com",
        "billing_address_id": "addr_01HRX7D1E2F3G4H5J6K7L8M9N0",
        "billing_address": address("addr_01HRX7D1E2F3G4H5J6K7L8M9N0", "Jane", "Doe", "Vesterbrogade 12", "København V", "1620"),
        "shipping_address_id": "addr_01HRX7D2F3G4H5J6K7L8M9N0P1",
        "shipping_address": address("addr_01HRX7D2F3G4H5J6K7L8M9N0P1", "Jane", "Doe", "Nørrebrogade 44, 3. tv.", "København N", "2200"),
        "items": items,
        "region_id": "reg_01HRX6Q2ZKZ0N5W8V9M3C4D7EA",
        "region": region(),
        "discounts": [discount(1, "SPRING10", "percentage", 10, "item"),
                      discount(2, "FREESHIP", "free_shipping", 0, "total")],
        "gift_cards": [dict({"id": "gift_01HRX7E1F2G3H4J5K6L7M8N9P0", "code": "3RVG-GUPQ-WJQS-XD2E",
                             "value": 5000, "balance": 3200, "region_id": "reg_01HRX6Q2ZKZ0N5W8V9M3C4D7EA",
                             "order_id": None, "is_disabled": False, "ends_at": None, "tax_rate": None},
                            **stamps())],
        "customer_id": "cus_01HRX6R1B2C3D4E5F6G7H8J9KA",
        "customer": {"id": "cus_01HRX6R1B2C3D4E5F6G7H8J9KA", "email": "jane.doe@example.com",
                     "first_name": "Jane", "last_name": "Doe", "has_account": True},
        "payment_session": sessions[0],
        "payment_sessions": sessions,
        "payment_id": None,
        "shipping_methods": [shipping_method()],
        "type": "default",
        "completed_at": None,
        "payment_authorized_at": None,
        "idempotency_key": None,
        "context": {"ip": "::1", "user_agent": "Mozilla/5.0 (X11; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0"},
        "sales_channel_id": "sc_01HRX6QG9Z1B3D5F7H9K1M3N5P",
        "sales_channel": dict({"id": "sc_01HRX6QG9Z1B3D5F7H9K1M3N5P", "name": "Default Sales Channel",
                               "description": "Created by Medusa", "is_disabled": False,
                               "locations": [dict({"id": "scloc_01HRX6QH0A2C4E6G8J0L2N4Q6S",
                                                   "sales_channel_id": "sc_01HRX6QG9Z1B3D5F7H9K1M3N5P",
                                                   "location_id": "sloc_01HRX6QJ1B3D5F7H9K1M3N5P7R"},
                                                  **stamps(deleted=True))]},
                              **stamps()),
        "shipping_total": 800, "discount_total": disc, "raw_discount_total": disc, "item_tax_total": itax,
        "shipping_tax_total": 200, "tax_total": itax + 200, "refunded_total": 0,
        "total": sub - disc + itax + 1000 - 3200, "subtotal": sub, "refundable_amount": sub - disc + itax + 1000 - 3200,
        "gift_card_total": 3200, "gift_card_tax_total": 0,
    }
    del c["sales_channel"]["locations"][0]["metadata"]
    c.update(stamps(metadata={"utm_source": "newsletter", "ab_test": "checkout-v2"}))
    return c


def invalid(c):
    """The valid cart with six violations, spread through the document."""
    c = copy.deepcopy(c)
    del c["region_id"]                               # missing required property (Cart)
    c["email"] = "jane.doe(at)example.com"            # format: email
    c["type"] = "wishlist"                            # enum
    c["items"][3]["quantity"] = "2"                   # type: string where integer
    c["items"][12]["variant"]["allow_backorder"] = None  # null where not nullable
    c["discounts"][0]["rule"]["type"] = "buy_x_get_y"  # enum, nested
    c["shipping_methods"][0]["tax_lines"][0]["created_at"] = "14/03/2024 09:26"  # format: date-time
    return c


def main():
    c = cart()
    for name, doc in (("cart_valid.json", c), ("cart_invalid.json", invalid(c))):
        with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False, separators=(",", ":"))
            f.write("\n")


if __name__ == "__main__":
    main()
