export { SubscriptionsController } from './subscriptions.controller';
export { SubscriptionsService } from './subscriptions.service';
