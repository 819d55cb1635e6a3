/**
 * monday.com's mutations on the emulator's state, each answering what monday answers (the written item or
 * update) and announcing the webhook event monday sends for it. Refusals are monday's `extensions.code`s.
 */
import { ProviderGraphqlError } from '../kit/graphql/graphql-endpoint';
import { renderItem, renderUpdate } from './render';
import type { MondayState, Row } from './seed';
import { applyColumnValues, findRow, mondayEvent, newMondayId } from './writes';

type Args = Record<string, unknown>;

export function mondayMutations(s: MondayState, announce: (payload: Row) => void) {
  const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const activeItem = (id: unknown) => {
    const item = findRow(s.items, id, 'Item');
    if (item.state !== 'active')
      throw new ProviderGraphqlError('Item not found', 'ResourceNotFoundException');
    return item;
  };
  const replace = (before: Row, after: Row) => (s.items[s.items.indexOf(before)] = after);
  return {
    create_item: (a: Args) => {
      const board = findRow(s.boards, a.board_id, 'Board');
      const group = a.group_id
        ? findRow(
            s.groups.filter((g) => g.board_id === board.id),
            a.group_id,
            'Group',
          )
        : s.groups.find((g) => g.board_id === board.id)!;
      if (String(a.item_name).trim() === '')
        throw new ProviderGraphqlError('Item name is too short', 'ItemNameTooShortException');
      const base: Row = {
        id: newMondayId(),
        name: a.item_name,
        state: 'active',
        board_id: board.id,
        group_id: group.id,
        creator_id: '61000001',
        created_at: now(),
        updated_at: now(),
        values: {},
      };
      const item = applyColumnValues(base, a.column_values, s);
      s.items.push(item);
      announce(
        mondayEvent(
          'create_pulse',
          item,
          {
            pulseName: item.name,
            groupId: group.id,
            groupName: group.title,
            isTopGroup: group === s.groups[0],
            columnValues: {},
          },
          now(),
        ),
      );
      return renderItem(item, s);
    },
    change_multiple_column_values: (a: Args) => {
      const item = activeItem(a.item_id);
      if (String(item.board_id) !== String(a.board_id))
        throw new ProviderGraphqlError('Item not found in board', 'ResourceNotFoundException');
      const updated: Row = { ...applyColumnValues(item, a.column_values, s), updated_at: now() };
      replace(item, updated);
      announce(
        mondayEvent(
          'update_column_value',
          updated,
          { pulseName: updated.name, columnValues: a.column_values, changedAt: Date.now() / 1000 },
          now(),
        ),
      );
      return renderItem(updated, s);
    },
    move_item_to_group: (a: Args) => {
      const item = activeItem(a.item_id);
      const group = findRow(
        s.groups.filter((g) => g.board_id === item.board_id),
        a.group_id,
        'Group',
      );
      const moved = { ...item, group_id: group.id, updated_at: now() };
      replace(item, moved);
      announce(
        mondayEvent(
          'move_pulse_into_group',
          moved,
          { destGroupId: group.id, sourceGroupId: item.group_id },
          now(),
        ),
      );
      return renderItem(moved, s);
    },
    delete_item: (a: Args) => {
      const item = activeItem(a.item_id);
      replace(item, { ...item, state: 'deleted', updated_at: now() });
      announce(mondayEvent('delete_pulse', item, { itemId: Number(item.id), itemName: item.name }, now()));
      return { id: item.id, name: item.name, state: 'deleted' };
    },
    create_update: (a: Args) => {
      const item = activeItem(a.item_id);
      const body = String(a.body);
      if (body.trim() === '')
        throw new ProviderGraphqlError('Update body is empty', 'InvalidArgumentException');
      const update: Row = {
        id: newMondayId(),
        item_id: item.id,
        creator_id: '61000001',
        body,
        text_body: body.replace(/<[^>]*>/g, ''),
        created_at: now(),
        updated_at: now(),
        edited_at: now(),
      };
      s.updates.push(update);
      announce(
        mondayEvent(
          'create_update',
          item,
          { updateId: Number(update.id), body, textBody: update.text_body },
          now(),
        ),
      );
      return renderUpdate(update, s);
    },
    edit_update: (a: Args) => {
      const update = findRow(s.updates, a.id, 'Update');
      Object.assign(update, {
        body: a.body,
        text_body: String(a.body).replace(/<[^>]*>/g, ''),
        updated_at: now(),
        edited_at: now(),
      });
      announce(
        mondayEvent(
          'edit_update',
          findRow(s.items, update.item_id, 'Item'),
          { updateId: Number(update.id), body: a.body, textBody: update.text_body },
          now(),
        ),
      );
      return renderUpdate(update, s);
    },
    delete_update: (a: Args) => {
      const update = findRow(s.updates, a.id, 'Update');
      s.updates.splice(s.updates.indexOf(update), 1);
      announce(
        mondayEvent(
          'delete_update',
          findRow(s.items, update.item_id, 'Item'),
          { updateId: Number(update.id) },
          now(),
        ),
      );
      return renderUpdate(update, s);
    },
    create_or_get_tag: (a: Args) => {
      const name = String(a.tag_name ?? '').trim();
      if (name === '') throw new ProviderGraphqlError('Tag name is empty', 'InvalidArgumentException');
      const found = s.tags.find((t) => t.name === name);
      if (found) return found;
      const tag = { id: newMondayId(), name, color: '#c4c4c4' };
      s.tags.push(tag);
      return tag;
    },
  };
}
