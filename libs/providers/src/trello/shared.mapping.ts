/**
 * JSONata fragments shared by the Trello mappings. Every call of a connection addresses one board
 * (`settings.board_id`); object ids are 24-hex strings used as they are.
 */
export const ID = `$encodeUrlComponent(id)`;
export const BOARD = `$encodeUrlComponent(settings.board_id)`;

const HEX = `{ "0": 0, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6, "7": 7, "8": 8, "9": 9,
  "a": 10, "b": 11, "c": 12, "d": 13, "e": 14, "f": 15 }`;

/**
 * When a Trello object was created: its id begins with the creation time in unix seconds (8 hex digits),
 * the only creation date Trello gives for cards, boards and labels.
 */
export const CREATED_FROM_ID = `function($id) {
  $type($id) = "string" and $contains($id, /^[0-9a-fA-F]{24}$/)
    ? $fromMillis(1000 * $reduce($split($lowercase($substring($id, 0, 8)), ""), function($n, $d) {
        $n * 16 + $lookup(${HEX}, $d)
      }, 0))
}`;

/** A comma-separated id list, as Trello takes `idMembers` and `idLabels` (empty clears). */
export const IDS = `function($refs) { $join([$refs.id], ",") }`;
