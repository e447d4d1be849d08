/**
 * The public goodwill stream ({@link com.goodwill.contracts.Topics#PUBLIC_STREAM}): what other systems (CRM, helpdesk,
 * BI, finance) subscribe to. Each record here is the public form of an internal event, projected by audit-service.
 * Ids and business facts only: no names, addresses, e-mail addresses, tracking numbers or free text a person wrote.
 * A change that would break a subscriber is a new type with a new version suffix, never an edit of these.
 */
package com.goodwill.contracts.publicstream;
