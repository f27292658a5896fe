-- The structured name (vCard N) a contact came with on import, so that an
-- export writes it back instead of re-splitting the display name (issue 12.6):
-- Family;Given;Additional;Prefix;Suffix with `\;` and `\\` escaped. NULL: none
-- came, the parts are guessed from the name when a card needs them.
ALTER TABLE contacts ADD COLUMN name_parts TEXT;
