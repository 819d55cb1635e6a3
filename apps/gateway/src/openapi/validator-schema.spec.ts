import { IsOptional, IsUUID } from 'class-validator';
import { CreateCommentDto } from '@app/unified-models';
import { CreateSubscriptionBody, UpdateSubscriptionBody } from '../subscriptions/subscription-bodies';
import { ValidatorSchemas, type JsonSchema } from './validator-schema';

const schemaOf = (dto: new () => object): JsonSchema => {
  const schemas = new ValidatorSchemas();
  schemas.ref(dto);
  return schemas.components[dto.name];
};
const property = (schema: JsonSchema, name: string) =>
  (schema.properties as Record<string, JsonSchema>)[name];

describe('JSON Schemas read from class-validator rules', () => {
  it('say null only where the validators skip it, and required where absence is refused', () => {
    const create = schemaOf(CreateSubscriptionBody);
    expect(create.required).toEqual(['url', 'event_types']);
    expect(property(create, 'connection_id')).toEqual({ type: 'string', minLength: 1 });
    expect(property(create, 'event_types')).toEqual({
      type: 'array',
      minItems: 1,
      maxItems: 50,
      items: { type: 'string', pattern: '^(\\*|ticketing\\.(\\*|[a-z_]+)\\.(\\*|[a-z_]+))$' },
    });
    expect(create.additionalProperties).toBe(false);
    expect(property(schemaOf(UpdateSubscriptionBody), 'connection_id').type).toEqual(['string', 'null']);
  });

  it('state a rule across fields: a comment needs body unless html_body is given', () => {
    const comment = schemaOf(CreateCommentDto);
    expect(comment.required).toEqual(['ticket']);
    expect(comment.anyOf).toEqual([
      { required: ['html_body'], properties: { html_body: { not: { type: 'null' } } } },
      { required: ['body'], properties: { body: { not: { type: 'null' } } } },
    ]);
  });

  it('refuse a validator they cannot translate, rather than publish a looser schema', () => {
    class WithUuid {
      @IsOptional()
      @IsUUID()
      id?: string;
    }
    expect(() => schemaOf(WithUuid)).toThrow('WithUuid.id: no JSON Schema keyword for @isUuid');
  });
});
